// Projections load their rows as plain objects with one statement (no entities built): for every read-model entity,
// what that load gives must equal what TypeORM gives for the same row, type by type (dates, timestamps, arrays, JSON).
import { randomUUID } from 'node:crypto';
import { In, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '#platform/testing';
import { CreateEventStore1732300000000 } from '#event-store';
import { CreateProjectionCheckpoints1732300000100, ProjectionFeedCore1765100000000, typeormStore } from '#projections';
import { ideasSchema } from '#ideas';
import { deedsSchema } from '#deeds';
import { awardsSchema } from '#awards';
import { organisationsSchema } from '#organisations';

const schema = {
  entities: [...ideasSchema.entities, ...deedsSchema.entities, ...awardsSchema.entities, ...organisationsSchema.entities] as Function[],
  migrations: [CreateEventStore1732300000000, CreateProjectionCheckpoints1732300000100, ProjectionFeedCore1765100000000, ...ideasSchema.migrations, ...deedsSchema.migrations, ...awardsSchema.migrations, ...organisationsSchema.migrations] as Function[],
};

describe('projection rows loaded without TypeORM entities equal TypeORM loads', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase('embedded', schema);
  }, 60_000);
  afterAll(async () => db?.close());

  /** A value of the column's type, different per row. */
  const sample = (type: string, array: boolean, n: number): unknown => {
    const one = (): unknown => {
      switch (type) {
        case 'uuid':
          return randomUUID();
        case 'int':
          return 3 + n;
        case 'double precision':
          return 1.25 + n;
        case 'boolean':
          return n % 2 === 0;
        case 'jsonb':
          return { items: [1, 'kaksi', { n }], ok: true };
        case 'timestamptz':
          return new Date(Date.UTC(2026, 11, 1 + n, 10, 0, 0, 123));
        case 'date':
          return `2026-12-0${1 + n}`;
        default:
          return `arvo ${n} ä`;
      }
    };
    return array ? [one(), one()] : one();
  };

  it.each(schema.entities.map((entity) => [entity.name, entity] as const))('%s', async (_name, entity) => {
    const meta = db.dataSource.getMetadata(entity);
    const primary = meta.primaryColumns;
    if (primary.length !== 1) throw new Error(`${meta.tableName}: projections keep rows by one key`);
    const keyColumn = primary[0].propertyName;
    const store = typeormStore(entity as EntityTarget<ObjectLiteral & { version: number }>, keyColumn);
    const rows = [0, 1].map((n) => Object.fromEntries(meta.columns.map((c) => [c.propertyName, sample(String(c.type), c.isArray, n)])) as ObjectLiteral & { version: number });
    await db.dataSource.transaction(async (tx) => {
      await tx.query(`DELETE FROM "${meta.tableName}"`);
      await store.save(tx, rows);
      const keys = rows.map((row) => String(row[keyColumn]));
      const plain = await store.load(tx, keys);
      const typeorm = await tx.getRepository(entity).findBy({ [keyColumn]: In(keys) });
      expect(plain.size).toBe(2);
      for (const row of typeorm) expect(plain.get(String(row[keyColumn]))).toStrictEqual({ ...row });
    });
  });
});
