import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ProjectionStore, VersionedRow } from './projection.js';

/** A projection table handled through TypeORM: rows keyed by a single primary column. */
export function typeormStore<Row extends VersionedRow & ObjectLiteral>(entity: EntityTarget<Row>, keyColumn: keyof Row & string): ProjectionStore<Row> {
  return {
    async load(tx: EntityManager, keys: string[]) {
      if (keys.length === 0) return new Map();
      const rows = await tx
        .getRepository(entity)
        .createQueryBuilder('r')
        .where(`r.${keyColumn} IN (:...keys)`, { keys })
        .getMany();
      return new Map(rows.map((row) => [String(row[keyColumn]), row]));
    },
    async save(tx: EntityManager, rows: Row[]) {
      for (let i = 0; i < rows.length; i += 500) {
        await tx.getRepository(entity).upsert(rows.slice(i, i + 500) as never, { conflictPaths: [keyColumn], skipUpdateIfNoValuesChanged: false });
      }
    },
    async clear(tx: EntityManager) {
      // DELETE, not TRUNCATE: readers keep seeing the old rows until the rebuild commits.
      await tx.getRepository(entity).createQueryBuilder().delete().execute();
    },
  };
}
