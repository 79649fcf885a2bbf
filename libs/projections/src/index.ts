export * from './projection.js';
export * from './projection-runner.js';
export * from './typeorm-store.js';
export { CreateProjectionCheckpoints1732300000100, ProjectionFeedCore1765100000000 } from './projections.migration.js';
export * from './consistency.js';
export * from './decide-and-wait.js';
export * from './lease.js';
