import { erasureHasher, type ErasureEntry } from '../protocol/erasures';
import { PURGED_SUBJECT } from '../protocol/subjects';
import type { GatelogDb, OutboxRow } from './gatelog-db';
import { setSetting } from './settings';

export interface ErasureResult {
  /** Synced records removed from the tablet (the server holds them, anonymised). */
  deleted: number;
  /** Records the server has not confirmed yet: kept so the scan still counts, with the person taken out. */
  anonymised: number;
}

/** The visitor keys of a record an erasure can name: what the server's data request matches too. */
const keysOf = (r: OutboxRow) => [r.visitor.subject, r.visitor.idNumber, r.visitor.phone].filter((v): v is string => !!v && v !== PURGED_SUBJECT);

/**
 * Applies the site's erasure list (issue #10): every local record of an erased person made before the erasure
 * (device time corrected by the clock offset) is deleted once synced, or stripped to "someone scanned here"
 * while still queued. Returning-guest suggestions and the last-visit line read the outbox, so they forget the
 * person too. Hashing happens first (WebCrypto cannot run inside an IndexedDB transaction); the changes and
 * the new cursor are then committed together, so a cut-off run is simply repeated.
 */
export async function applyErasures(db: GatelogDb, siteKey: string, entries: readonly ErasureEntry[], clockOffsetMs = 0): Promise<ErasureResult> {
  const result: ErasureResult = { deleted: 0, anonymised: 0 };
  if (entries.length === 0) return result;
  const erasedAt = new Map<string, number>();
  for (const e of entries) erasedAt.set(e.hash, Math.max(e.erasedAt, erasedAt.get(e.hash) ?? 0));

  const values = new Set<string>();
  await db.outbox.each((r) => keysOf(r).forEach((v) => values.add(v)));
  const hash = await erasureHasher(siteKey);
  const erasedValues = new Map<string, number>();
  for (const v of values) {
    const at = erasedAt.get(await hash(v));
    if (at !== undefined) erasedValues.set(v, at);
  }

  await db.transaction('rw', db.outbox, db.settings, async () => {
    const erased = (r: OutboxRow) => keysOf(r).some((v) => r.deviceTime + clockOffsetMs <= (erasedValues.get(v) ?? -Infinity));
    const rows = erasedValues.size ? await db.outbox.filter(erased).toArray() : [];
    const synced = rows.filter((r) => r.syncState === 'synced').map((r) => r.id);
    const queued = rows.filter((r) => r.syncState !== 'synced');
    await db.outbox.bulkDelete(synced);
    await db.outbox.bulkUpdate(queued.map((r) => ({ key: r.id, changes: { visitor: { kind: r.visitor.kind, subject: PURGED_SUBJECT } } })));
    await setSetting(db, 'erasuresSince', entries.at(-1)!.version);
    result.deleted = synced.length;
    result.anonymised = queued.length;
  });
  return result;
}
