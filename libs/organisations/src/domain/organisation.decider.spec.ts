import { deciderSpec } from '#platform/testing';
import { organisationDecider } from './organisation.decider.js';
import type { OrganisationRegistered } from './organisation.events.js';

const given = deciderSpec(organisationDecider);
const imatra: OrganisationRegistered = {
  type: 'OrganisationRegistered',
  data: { organisation: 'imatra', names: { fi: 'Imatran kaupunki', sv: 'Imatra stad' }, kind: 'municipality' },
};

describe('organisation registry', () => {
  it('registers an organisation with its names in Finnish and Swedish', () => {
    given().when({ type: 'RegisterOrganisation', organisation: 'imatra', names: { fi: ' Imatran kaupunki ', sv: 'Imatra stad', en: '' }, kind: 'municipality' }).then(imatra);
  });

  it('refuses a second registration of the same id', () => {
    given(imatra).when({ type: 'RegisterOrganisation', organisation: 'imatra', names: { fi: 'Imatra', sv: 'Imatra' }, kind: 'other' }).thenRefused('conflict', 'organisation.exists');
  });

  it('refuses a registration without a Swedish name', () => {
    given().when({ type: 'RegisterOrganisation', organisation: 'x', names: { fi: 'X', sv: '  ' }, kind: 'other' }).thenRefused('invalid', 'organisation.names-required');
  });

  it('renames: names left out keep their value, an empty English name is removed', () => {
    const withEnglish = { ...imatra, data: { ...imatra.data, names: { ...imatra.data.names, en: 'City of Imatra' } } };
    given(withEnglish)
      .when({ type: 'RenameOrganisation', names: { fi: 'Imatran kaupunki (uusi)', en: '' } })
      .then({ type: 'OrganisationRenamed', data: { organisation: 'imatra', names: { fi: 'Imatran kaupunki (uusi)', sv: 'Imatra stad' }, kind: 'municipality' } });
  });

  it('changes the kind', () => {
    given(imatra).when({ type: 'RenameOrganisation', kind: 'other' }).then({ type: 'OrganisationRenamed', data: { ...imatra.data, kind: 'other' } });
  });

  it('records nothing when nothing changes', () => {
    given(imatra).when({ type: 'RenameOrganisation', names: { fi: 'Imatran kaupunki' } }).then();
  });

  it('refuses to rename an organisation that is not registered', () => {
    given().when({ type: 'RenameOrganisation', names: { fi: 'X' } }).thenRefused('not-found', 'organisation.not-found');
  });
});
