import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erasureHash, type ErasureEntry } from '../protocol/erasures';
import type { Visitor } from '../protocol/visitor';
import { applyErasures } from './erasures';
import { GatelogDb, type OutboxRow } from './gatelog-db';
import { findReturningVisitors } from './repeat-visitors';
import { logCheckIn } from './outbox';
import { getSetting } from './settings';

// The kiosk's side of "Xoá dữ liệu" (issue #10), on a real Dexie database: what an erasure list does to the
// records on the tablet, whatever state they are in.
const SITE_KEY = Buffer.alloc(32, 7).toString('base64url');
const ERASED_AT = Date.UTC(2026, 10, 20, 3);
const MIN = 60_000;

let db: GatelogDb;
let n = 0;
beforeEach(async () => {
  db = new GatelogDb(`erasures-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const lan: Visitor = { kind: 'manual', subject: '0912345678', name: 'Trần Thị Lan', phone: '0912345678' };
const lanCard: Visitor = { kind: 'cccd', subject: '079190012345', name: 'Trần Thị Lan', idNumber: '079190012345', phone: '0912345678' };
const other: Visitor = { kind: 'manual', subject: '0987654321', name: 'Lê Văn Tám', phone: '0987654321' };

async function log(visitor: Visitor, at: number, syncState: OutboxRow['syncState'] = 'pending'): Promise<OutboxRow> {
  const row = await logCheckIn(db, visitor, 'in', at);
  if (syncState !== 'pending') await db.outbox.update(row.id, { syncState });
  return row;
}
const entry = async (value: string, version: number, erasedAt = ERASED_AT): Promise<ErasureEntry> => ({ version, erasedAt, hash: await erasureHash(SITE_KEY, value) });
const left = async () => (await db.outbox.orderBy('seq').toArray()).map((r) => [r.visitor.subject, r.syncState]);

describe('applyErasures on the kiosk', () => {
  it('deletes the erased person’s synced records, strips the queued ones, and keeps later visits and other people', async () => {
    const synced = await log(lan, ERASED_AT - 10 * MIN, 'synced');
    const queued = await log(lan, ERASED_AT - 5 * MIN);
    const rejected = await log(lan, ERASED_AT - 4 * MIN, 'rejected');
    const held = await log(lan, ERASED_AT - 3 * MIN, 'held');
    const after = await log(lan, ERASED_AT + MIN, 'synced');
    const stranger = await log(other, ERASED_AT - 10 * MIN, 'synced');

    expect(await applyErasures(db, SITE_KEY, [await entry(lan.subject, 3)])).toEqual({ deleted: 1, anonymised: 3 });

    expect(await db.outbox.get(synced.id)).toBeUndefined();
    for (const [row, state] of [[queued, 'pending'], [rejected, 'rejected'], [held, 'held']] as const) {
      const kept = (await db.outbox.get(row.id))!;
      expect(kept.visitor).toEqual({ kind: 'manual', subject: 'purged' }); // still a scan, naming nobody
      expect(kept.syncState).toBe(state);
    }
    expect((await db.outbox.get(after.id))!.visitor).toEqual(lan);
    expect((await db.outbox.get(stranger.id))!.visitor).toEqual(other);
    expect(await getSetting(db, 'erasuresSince')).toBe(3);
    // The returning-guest search forgets her visits before the erasure (only the later one is left to find).
    expect(await findReturningVisitors(db, 'Lan')).toEqual([lan]);
  });

  it('finds the person by ID number or phone on records keyed by something else', async () => {
    await log(lanCard, ERASED_AT - MIN, 'synced');
    await log({ ...lanCard, kind: 'pass', subject: 'PASS000001', passId: 'PASS000001', idNumber: undefined }, ERASED_AT - MIN);
    expect(await applyErasures(db, SITE_KEY, [await entry('0912345678', 1)])).toEqual({ deleted: 1, anonymised: 1 });
    expect(await left()).toEqual([['purged', 'pending']]);
  });

  it('places each record in server time with the clock offset before comparing', async () => {
    // The tablet's clock is 2 minutes fast (offset = server − tablet = −2 min): a record it stamped a minute
    // after the erasure was made before it…
    const before = await log(lan, ERASED_AT + MIN, 'synced');
    // …and one stamped 3 minutes after was made after it.
    const later = await log(lan, ERASED_AT + 3 * MIN, 'synced');
    expect(await applyErasures(db, SITE_KEY, [await entry(lan.subject, 1)], -2 * MIN)).toEqual({ deleted: 1, anonymised: 0 });
    expect(await db.outbox.get(before.id)).toBeUndefined();
    expect(await db.outbox.get(later.id)).toBeDefined();
  });

  it('counts a record made at the very moment of the erasure as erased', async () => {
    await log(lan, ERASED_AT, 'synced');
    expect(await applyErasures(db, SITE_KEY, [await entry(lan.subject, 1)])).toEqual({ deleted: 1, anonymised: 0 });
  });

  it('takes the latest erasure of the same person whatever the order of the list', async () => {
    const between = await log(lan, ERASED_AT + 10 * MIN, 'synced');
    const entries = [await entry(lan.subject, 1, ERASED_AT + 60 * MIN), await entry(lan.subject, 2, ERASED_AT)];
    expect(await applyErasures(db, SITE_KEY, entries)).toEqual({ deleted: 1, anonymised: 0 });
    expect(await db.outbox.get(between.id)).toBeUndefined();
    expect(await getSetting(db, 'erasuresSince')).toBe(2);
  });

  it('moves the cursor on even when no record here names the person, and does nothing for an empty list', async () => {
    await log(other, ERASED_AT - MIN, 'synced');
    expect(await applyErasures(db, SITE_KEY, [])).toEqual({ deleted: 0, anonymised: 0 });
    expect(await getSetting(db, 'erasuresSince')).toBeUndefined();
    expect(await applyErasures(db, SITE_KEY, [await entry(lan.subject, 4), await entry('001099000001', 5)])).toEqual({ deleted: 0, anonymised: 0 });
    expect(await getSetting(db, 'erasuresSince')).toBe(5);
    expect(await left()).toEqual([[other.subject, 'synced']]);
  });

  it('never matches the placeholder of records already anonymised', async () => {
    await log({ kind: 'manual', subject: 'purged' }, ERASED_AT - MIN);
    expect(await applyErasures(db, SITE_KEY, [await entry('purged', 1)])).toEqual({ deleted: 0, anonymised: 0 });
  });
});
