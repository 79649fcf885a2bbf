export * from './event-store.port.js';
export * from './postgres-event-store.js';
export * from './upcasting.js';
export { CreateEventStore1732300000000 } from './event-store.migration.js';
export * from './command-handling.js';
export { KurrentDbEventStore } from './kurrentdb-event-store.js';
export * from './personal-data.js';
export * from './personal-data-event-store.js';
export { PersonKeyStore, CreatePersonKeys1732300000200, type ErasureRecord, type PersonKeyStoreOptions } from './person-keys.js';
