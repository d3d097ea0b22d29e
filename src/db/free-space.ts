import type { GatelogDb } from './gatelog-db';
import { startOfDay } from './outbox';

/**
 * Deletes up to `limit` records the server has confirmed, oldest first, to make room when storage is full
 * (issue #12): first those from before today (today's counters and "who is inside" need today's), then any.
 * Never touches a record the server does not have. Returns how many were deleted.
 */
export async function freeConfirmed(db: GatelogDb, now = Date.now(), limit = 500): Promise<number> {
  const synced = (r: { syncState: string }) => r.syncState === 'synced';
  let keys = await db.outbox.where('deviceTime').below(startOfDay(now)).filter(synced).limit(limit).primaryKeys();
  if (keys.length === 0) keys = await db.outbox.orderBy('deviceTime').filter(synced).limit(limit).primaryKeys();
  await db.outbox.bulkDelete(keys);
  return keys.length;
}

/** Whether a failed write failed for want of space (Dexie wraps the DOMException, once or twice). */
export function isQuotaError(e: unknown): boolean {
  for (let err = e as { name?: string; message?: string; inner?: unknown } | null | undefined, depth = 0; err && depth < 4; depth++) {
    if (err.name === 'QuotaExceededError' || /quota/i.test(err.message ?? '')) return true;
    err = err.inner as typeof err;
  }
  return false;
}
