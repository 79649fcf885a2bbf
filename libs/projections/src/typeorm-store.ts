import type { EntityManager, EntityTarget, ObjectLiteral } from 'typeorm';
import type { ProjectionStore, VersionedRow } from './projection.js';

/**
 * The statement that loads rows by key as plain objects with the entity's property names, in the types TypeORM
 * would give them (a `date` column as its 'YYYY-MM-DD' text), without building entities: loading is most of a
 * rebuild's time otherwise. Undefined when the entity has a column this cannot map (then TypeORM loads).
 */
function plainLoadSql(tx: EntityManager, entity: EntityTarget<ObjectLiteral>, keyColumn: string): string | undefined {
  const meta = tx.connection.getMetadata(entity);
  const key = meta.columns.find((c) => c.propertyName === keyColumn);
  if (!key || typeof key.type !== 'string' || meta.embeddeds.length > 0 || meta.relations.length > 0) return undefined;
  if (meta.columns.some((c) => typeof c.type !== 'string' || c.transformer !== undefined || c.propertyPath !== c.propertyName)) return undefined;
  const select = meta.columns.map((c) => `${c.type === 'date' ? `"${c.databaseName}"::text` : `"${c.databaseName}"`} AS "${c.propertyName}"`);
  return `SELECT ${select.join(', ')} FROM "${meta.tableName}" WHERE "${key.databaseName}" = ANY($1::${key.type}[])`;
}

/** A projection table handled through TypeORM: rows keyed by a single primary column. */
export function typeormStore<Row extends VersionedRow & ObjectLiteral>(entity: EntityTarget<Row>, keyColumn: keyof Row & string): ProjectionStore<Row> {
  let loadSql: string | undefined | null = null;
  return {
    async load(tx: EntityManager, keys: string[]) {
      if (keys.length === 0) return new Map();
      if (loadSql === null) loadSql = plainLoadSql(tx, entity, keyColumn);
      const rows: Row[] = loadSql
        ? await tx.query(loadSql, [keys])
        : await tx
            .getRepository(entity)
            .createQueryBuilder('r')
            .where(`r.${keyColumn} IN (:...keys)`, { keys })
            .getMany();
      return new Map(rows.map((row) => [String(row[keyColumn]), row]));
    },
    async save(tx: EntityManager, rows: Row[]) {
      // One statement and one parameter per batch: the rows travel as a JSON array and PostgreSQL
      // turns them into records of the table's own types (arrays, jsonb, timestamps).
      const meta = tx.connection.getMetadata(entity);
      const columns = meta.columns.map((c) => ({ property: c.propertyName, column: c.databaseName }));
      const key = meta.columns.find((c) => c.propertyName === keyColumn)!.databaseName;
      const quoted = columns.map((c) => `"${c.column}"`);
      const sql =
        `INSERT INTO "${meta.tableName}" (${quoted.join(', ')}) ` +
        `SELECT ${quoted.join(', ')} FROM jsonb_populate_recordset(NULL::"${meta.tableName}", $1::jsonb) ` +
        `ON CONFLICT ("${key}") DO UPDATE SET ${quoted.filter((q) => q !== `"${key}"`).map((q) => `${q} = excluded.${q}`).join(', ')}`;
      const records = rows.map((row) => Object.fromEntries(columns.map((c) => [c.column, row[c.property] ?? null])));
      await tx.query(sql, [JSON.stringify(records)]);
    },
    tables(tx: EntityManager) {
      return [tx.connection.getMetadata(entity).tableName];
    },
    async clear(tx: EntityManager) {
      // DELETE, not TRUNCATE: readers keep seeing the old rows until the rebuild commits.
      await tx.getRepository(entity).createQueryBuilder().delete().execute();
    },
  };
}
