// Registry events → one row per organisation: names and kind follow the latest event, the registration time stays.
import type { RecordedEvent } from '#event-store';
import type { OrganisationEvent } from '../domain/organisation.events.js';
import type { OrganisationView } from './organisation-view.entity.js';
import { organisationViewProjection } from './organisation-view.projection.js';

function recorded(event: OrganisationEvent, version: number, occurredAt: string): RecordedEvent {
  return {
    ...event,
    eventId: `00000000-0000-4000-8000-${String(version).padStart(12, '0')}`,
    streamId: 'organisation-imatra',
    streamVersion: version,
    schemaVersion: 1,
    metadata: { occurredAt, actor: { subject: 'p_admin', organisation: 'kunteko', roles: ['admin'] } },
    checkpoint: { transactionId: String(900 + version), position: String(version) },
    recordedAt: occurredAt,
  } as unknown as RecordedEvent;
}

describe('organisations projection', () => {
  it('keys rows by the organisation id and ignores other streams', () => {
    expect(organisationViewProjection.keyOf(recorded({ type: 'OrganisationRegistered', data: { organisation: 'imatra', names: { fi: 'Imatran kaupunki', sv: 'Imatra stad' }, kind: 'municipality' } }, 1, '2026-01-01T00:00:00Z'))).toBe('imatra');
    expect(organisationViewProjection.keyOf({ ...recorded({ type: 'OrganisationRenamed', data: { organisation: 'x', names: { fi: 'X', sv: 'X' }, kind: 'other' } }, 1, '2026-01-01T00:00:00Z'), streamId: 'idea-1' })).toBeUndefined();
  });

  it('registers, then renames: the names and kind change, the registration time stays', () => {
    const registered = organisationViewProjection.evolve(
      undefined,
      recorded({ type: 'OrganisationRegistered', data: { organisation: 'imatra', names: { fi: 'Imatran kaupunki', sv: 'Imatra stad' }, kind: 'municipality' } }, 1, '2026-01-01T00:00:00Z'),
    ) as OrganisationView;
    expect(registered).toMatchObject({ id: 'imatra', version: 1, nameFi: 'Imatran kaupunki', nameSv: 'Imatra stad', nameEn: null, kind: 'municipality' });
    const renamed = organisationViewProjection.evolve(
      registered,
      recorded({ type: 'OrganisationRenamed', data: { organisation: 'imatra', names: { fi: 'Imatran kaupunki', sv: 'Imatra stad', en: 'City of Imatra' }, kind: 'other' } }, 2, '2026-03-01T00:00:00Z'),
    ) as OrganisationView;
    expect(renamed).toMatchObject({ version: 2, nameEn: 'City of Imatra', kind: 'other', registeredAt: new Date('2026-01-01T00:00:00Z'), updatedAt: new Date('2026-03-01T00:00:00Z') });
  });
});
