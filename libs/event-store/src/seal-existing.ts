// Events written before personal fields were sealed still hold them in clear, and no key could erase
// them. This seals them where they lie in the PostgreSQL store, once: the one rewrite of history that
// erasure needs. Idempotent (a sealed field is never sealed again); new appends are sealed anyway.
import type { SqlExecutor } from './event-store.port.js';
import type { PersonKeyStore } from './person-keys.js';
import { ownersToSeal, sealEvent, type EventParts, type PersonalDataRegistry } from './personal-data.js';

export interface SealExistingResult {
  /** Events of a registered type looked at. */
  scanned: number;
  /** Events whose personal fields were sealed now. */
  sealed: number;
}

export async function sealExistingEvents(
  db: SqlExecutor,
  keys: PersonKeyStore,
  registry: PersonalDataRegistry,
  options: { batchSize?: number; onProgress?: (progress: SealExistingResult) => void } = {},
): Promise<SealExistingResult> {
  const batchSize = options.batchSize ?? 1_000;
  const types = Object.keys(registry);
  const result: SealExistingResult = { scanned: 0, sealed: 0 };
  let after = '0';
  for (;;) {
    const rows: { position: string; event_id: string; type: string; data: unknown; metadata: EventParts['metadata'] }[] = await db.query(
      `SELECT position::text AS position, event_id, type, data, metadata FROM events
        WHERE type = ANY($1::text[]) AND position > $2::bigint ORDER BY position LIMIT $3`,
      [types, after, batchSize],
    );
    if (rows.length === 0) break;
    after = rows[rows.length - 1].position;
    result.scanned += rows.length;
    // Every owner of the event, not only the first: a list of several people's comments seals each
    // element with its own author's key, so that each author's erasure reaches their text only.
    const open = rows
      .map((row) => ({ event: { eventId: row.event_id, type: row.type, data: row.data, metadata: row.metadata }, position: row.position }))
      .map((entry) => ({ ...entry, owners: ownersToSeal(registry, entry.event) }))
      .filter((entry) => entry.owners.length > 0);
    if (open.length > 0) {
      const found = await keys.keysToSeal(new Set(open.flatMap((entry) => entry.owners)));
      for (const { event, position } of open) {
        const sealed = sealEvent(registry, event, found);
        await db.query('UPDATE events SET data = $2::jsonb WHERE position = $1::bigint', [position, JSON.stringify(sealed.data)]);
      }
      result.sealed += open.length;
    }
    options.onProgress?.({ ...result });
  }
  return result;
}
