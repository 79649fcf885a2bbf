export * from './event-store.port.js';
export * from './postgres-event-store.js';
export * from './upcasting.js';
export { CreateEventStore1732300000000 } from './event-store.migration.js';
export * from './command-handling.js';
export { KurrentDbEventStore } from './kurrentdb-event-store.js';
