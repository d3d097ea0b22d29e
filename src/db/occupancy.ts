import { erasureHasher } from '../protocol/erasure-hash';
import { OCCUPANCY_HASH_HEX } from '../protocol/site-gate-limits';
import type { OccupancyDelta } from '../protocol/site-gate';
import { latestPassage, type Passage } from '../domain/auto-direction';
import type { GatelogDb } from './gatelog-db';
import { setSetting } from './settings';

/** Other kiosks' passages older than this are dropped: "inside" never reaches past the local day. */
const KEEP_MS = 2 * 86_400_000;

/**
 * Applies one occupancy delta (issue #16) with its cursor in one transaction: a visitor's entry is replaced only by a
 * later (or equally late: a corrected direction) passage, so a repeated or reordered answer changes nothing.
 */
export async function applyOccupancy(db: GatelogDb, delta: OccupancyDelta, serverNow: number): Promise<void> {
  await db.transaction('rw', db.occupancy, db.settings, async () => {
    const known = await db.occupancy.bulkGet(delta.entries.map((e) => e.h));
    const newer = delta.entries.filter((e, i) => !known[i] || e.t >= known[i]!.t);
    await db.occupancy.bulkPut(newer);
    await db.occupancy.where('t').below(serverNow - KEEP_MS).delete();
    await setSetting(db, 'occupancySince', delta.nextSince);
  });
}

let hasher: { key: string; hash: Promise<(value: string) => Promise<string>> } | undefined;

/** A visitor key's occupancy hash under the site's key (the server's `occupancyDelta` computes the same). */
export async function occupancyHash(subjectKey: string, subject: string): Promise<string> {
  if (hasher?.key !== subjectKey) hasher = { key: subjectKey, hash: erasureHasher(subjectKey) };
  return (await (await hasher.hash)(subject)).slice(0, OCCUPANCY_HASH_HEX);
}

/**
 * The visitor's latest passage at this site as this kiosk knows it (issue #16): its own log (device time made server
 * time with the clock offset) and what other kiosks reported on the last syncs, whichever is later.
 */
export async function lastPassageHere(
  db: GatelogDb,
  subject: string,
  here: { siteId?: string; subjectKey?: string; clockOffsetMs?: number },
): Promise<Passage | undefined> {
  const own = await db.outbox
    .where('visitor.subject')
    .equals(subject)
    .filter((r) => r.siteId === here.siteId && r.outcome !== 'refused') // a refused attempt never came in
    .toArray();
  const mine = own.reduce<(typeof own)[number] | undefined>((a, r) => (!a || r.seq > a.seq ? r : a), undefined);
  const ownPassage = mine && { direction: mine.direction, at: mine.deviceTime + (here.clockOffsetMs ?? 0) };
  if (!here.subjectKey) return ownPassage;
  const other = await db.occupancy.get(await occupancyHash(here.subjectKey, subject));
  return latestPassage(ownPassage, other && { direction: other.d, at: other.t });
}
