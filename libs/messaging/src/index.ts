// Kafka: the relay, the Kafka-fed projector and the integration-event contract.
export * from './topics.js';
export * from './integration-events.js';
export * from './json-schema.js';
export * from './schemas.js';
export * from './kafka-client.js';
export * from './relay.js';
export * from './kafka-projector.js';
export * from './watermarks.js';
export * from './health.js';
export { renderIntegrationDocs, integrationDocsFile } from './docs.js';
