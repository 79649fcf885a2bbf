// The awards context's public entry point.
import type { Projection } from '#projections';

export { AwardsModule } from './awards.module.js';
export const awardsSchema = { entities: [] as Function[], migrations: [] as Function[] };
export const awardProjections: Projection<any>[] = [];
