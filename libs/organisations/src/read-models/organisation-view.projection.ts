import { typeormStore, type Projection } from '#projections';
import type { OrganisationEvent } from '../domain/organisation.events.js';
import { OrganisationView } from './organisation-view.entity.js';

const PREFIX = 'organisation-';

export const organisationViewProjection: Projection<OrganisationView> = {
  name: 'organisations',
  keyOf: (event) => (event.streamId.startsWith(PREFIX) ? event.streamId.slice(PREFIX.length) : undefined),
  evolve: (row, recorded) => {
    const event = recorded as unknown as OrganisationEvent;
    const at = new Date(recorded.metadata.occurredAt);
    switch (event.type) {
      case 'OrganisationRegistered':
      case 'OrganisationRenamed':
        return Object.assign(new OrganisationView(), {
          id: event.data.organisation,
          version: recorded.streamVersion,
          nameFi: event.data.names.fi,
          nameSv: event.data.names.sv,
          nameEn: event.data.names.en ?? null,
          kind: event.data.kind,
          registeredAt: row?.registeredAt ?? at,
          updatedAt: at,
        });
      default:
        return row;
    }
  },
  store: typeormStore(OrganisationView, 'id'),
  // The registry as the admin reads it back after registering or renaming.
  inline: true,
};
