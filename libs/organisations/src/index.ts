// The organisations context's public entry point: the registry and the names other contexts show for ids.
import { OrganisationView } from './read-models/organisation-view.entity.js';
import { organisationViewProjection } from './read-models/organisation-view.projection.js';
import { CreateOrganisations1765300000000 } from './read-models/organisations.migration.js';

export { OrganisationsModule } from './organisations.module.js';
export { organisationDecider, type OrganisationCommand } from './domain/organisation.decider.js';
export * from './domain/organisation.events.js';
export { organisationNames, type Organisation } from './application/organisation-names.js';
export { OrganisationView };
export const organisationsSchema = { entities: [OrganisationView], migrations: [CreateOrganisations1765300000000] };
export const organisationProjections = [organisationViewProjection];
