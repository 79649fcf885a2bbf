// A lease on a piece of work that is driven by the clock rather than by the feed (closing a campaign when its
// window ends, announcing a gala's results): one process at a time holds it; a crashed holder's lease runs out.
import { randomUUID } from 'node:crypto';
import type { SqlExecutor } from '#event-store';

const thisProcess = `${process.pid}-${randomUUID().slice(0, 8)}`;

/**
 * Runs `work` only while this process holds the lease `name`; answers undefined when another process holds it.
 * `holder` names this process (one per process by default).
 */
export async function underLease<T>(db: SqlExecutor, name: string, ttlMs: number, work: () => Promise<T>, holder = thisProcess): Promise<T | undefined> {
  const [row] = await db.query(
    `INSERT INTO processor_leases (name, held_by, held_until) VALUES ($1, $2, now() + ($3::int * interval '1 millisecond'))
     ON CONFLICT (name) DO UPDATE SET held_by = excluded.held_by, held_until = excluded.held_until
       WHERE processor_leases.held_by = excluded.held_by OR processor_leases.held_until < now()
     RETURNING held_by`,
    [name, holder, ttlMs],
  );
  if (row?.held_by !== holder) return undefined;
  // Renewed while the work runs, so a long run is not taken over by another process halfway.
  let renewing: Promise<unknown> = Promise.resolve();
  const renew = setInterval(() => {
    renewing = db
      .query(`UPDATE processor_leases SET held_until = now() + ($3::int * interval '1 millisecond') WHERE name = $1 AND held_by = $2`, [name, holder, ttlMs])
      .catch(() => undefined);
  }, Math.max(50, Math.floor(ttlMs / 3)));
  renew.unref();
  try {
    return await work();
  } finally {
    clearInterval(renew);
    // A renewal still on its way would hold the lease again after the release: let it land first.
    await renewing;
    // Released into the past, not to now(): the next holder's now() may equal it on a coarse clock (the embedded database).
    await db.query(`UPDATE processor_leases SET held_until = '-infinity' WHERE name = $1 AND held_by = $2`, [name, holder]).catch(() => undefined);
  }
}
