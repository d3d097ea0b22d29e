import type { GatelogDb } from './gatelog-db';

const DAY_MS = 86_400_000;

export interface RetentionResult {
  /** Synced records deleted because they were older than the site keeps them. */
  purged: number;
  /** Records past retention that the server has not acknowledged: kept, and shown to the attendant. */
  overdue: number;
}

/**
 * Deletes synced check-ins older than `retentionDays`. Unsynced ones past retention are never
 * deleted silently — the server may not have them — they are counted so the kiosk can warn.
 */
export async function applyRetention(db: GatelogDb, retentionDays: number, now = Date.now()): Promise<RetentionResult> {
  const cutoff = now - retentionDays * DAY_MS;
  return db.transaction('rw', db.outbox, async () => {
    const purged = await db.outbox.where('deviceTime').below(cutoff).filter((r) => r.syncState === 'synced').delete();
    return { purged, overdue: await countOverdue(db, retentionDays, now) };
  });
}

/** Count (up to `upTo`) of unsynced records older than retention, for the warning; deletes nothing. */
export function countOverdue(db: GatelogDb, retentionDays: number, now = Date.now(), upTo = Infinity): Promise<number> {
  return db.outbox.where('deviceTime').below(now - retentionDays * DAY_MS).filter((r) => r.syncState !== 'synced').limit(upTo).count();
}
