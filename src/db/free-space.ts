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

/** Whether a failed write failed for want of space (Dexie wraps the DOMException). */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string } } | null;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError';
}
