import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Visitor } from '../protocol/visitor';
import { APP_SESSION, readAnchors, recordAnchor } from './clock-anchors';
import { isQuotaError } from './free-space';
import { GatelogDb, type OutboxRow } from './gatelog-db';
import { countPending, countRejected, countToday, listRecent, listRejected, logCheckIn, startOfDay, toWirePlaced } from './outbox';
import { countOverdue, applyRetention } from './retention';
import { findReturningVisitors, previousVisit } from './repeat-visitors';
import { getAllSettings, setSetting } from './settings';

// What the kiosk's screen reads from its own database (footer counts, the refused list, today's counters, the
// returning-guest search), on a real Dexie database over fake-indexeddb.
const DAY = 86_400_000;
const NOW = new Date(2026, 10, 26, 15).getTime();

let db: GatelogDb;
let n = 0;
beforeEach(async () => {
  db = new GatelogDb(`views-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const guest = (subject: string, name = 'Khách', extra: Partial<Visitor> = {}): Visitor => ({ kind: 'manual', subject, name, ...extra });
async function logAs(state: OutboxRow['syncState'], visitor: Visitor, at = NOW): Promise<OutboxRow> {
  const row = await logCheckIn(db, visitor, 'in', at);
  if (state !== 'pending') await db.outbox.update(row.id, { syncState: state, ...(state === 'rejected' ? { rejectReason: 'nul_character' } : {}) });
  return { ...row, syncState: state };
}

describe('footer counts', () => {
  it('counts waiting and refused records up to the cap the screen asks for', async () => {
    for (let i = 0; i < 4; i++) await logAs('pending', guest(`P${i}`));
    for (let i = 0; i < 3; i++) await logAs('rejected', guest(`R${i}`));
    await logAs('synced', guest('S'));
    await logAs('held', guest('H'));
    expect(await countPending(db)).toBe(4);
    expect(await countPending(db, 2)).toBe(2);
    expect(await countRejected(db, 10)).toBe(3);
    expect(await countRejected(db, 2)).toBe(2);
    expect((await listRejected(db)).map((r) => [r.visitor.subject, r.rejectReason])).toEqual([
      ['R0', 'nul_character'],
      ['R1', 'nul_character'],
      ['R2', 'nul_character'],
    ]);
  });

  it('warns of unsent records past retention, counted up to a cap, and deletes only what the server has', async () => {
    await logAs('pending', guest('A'), NOW - 31 * DAY);
    await logAs('rejected', guest('B'), NOW - 32 * DAY);
    await logAs('held', guest('C'), NOW - 33 * DAY);
    await logAs('synced', guest('D'), NOW - 30 * DAY - 1);
    await logAs('synced', guest('E'), NOW - 30 * DAY); // exactly 30 days: kept today
    await logAs('pending', guest('F'), NOW - DAY); // waiting, but young: no warning
    expect(await countOverdue(db, 30, NOW)).toBe(3);
    expect(await countOverdue(db, 30, NOW, 2)).toBe(2);
    expect(await applyRetention(db, 30, NOW)).toEqual({ purged: 1, overdue: 3 });
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.visitor.subject)).toEqual(['A', 'B', 'C', 'E', 'F']);
  });
});

describe("today's counters", () => {
  it('start at local midnight: a passage one millisecond before belongs to yesterday', async () => {
    const midnight = startOfDay(NOW);
    expect(new Date(midnight).getHours()).toBe(0);
    expect(midnight).toBeLessThanOrEqual(NOW);
    expect(NOW - midnight).toBeLessThan(DAY);
    await logCheckIn(db, guest('A'), 'in', midnight - 1);
    await logCheckIn(db, guest('B'), 'in', midnight);
    await logCheckIn(db, guest('B'), 'out', midnight + 1);
    await logCheckIn(db, guest('C'), 'out', midnight + 2);
    expect(await countToday(db, NOW)).toEqual({ in: 1, out: 2, inside: 0 });
  });
});

describe('recent list and wire form', () => {
  it('lists the newest first, up to the limit', async () => {
    for (const s of ['A', 'B', 'C']) await logCheckIn(db, guest(s), 'in', NOW);
    expect((await listRecent(db, 2)).map((r) => r.visitor.subject)).toEqual(['C', 'B']);
  });

  it('records the enrolment site and the last measured clock with each check-in, and places it by its session on the wire', async () => {
    await setSetting(db, 'siteId', 'SITE-1');
    const unplaced = await logCheckIn(db, guest('A'), 'in', NOW, { session: APP_SESSION, perf: 1_000 });
    expect(unplaced.siteId).toBe('SITE-1');
    expect(unplaced.clock).toBeUndefined(); // no server answer yet: nothing to place it with

    // The server answered 5 s after the scan (monotonic clock), with its clock 2 minutes ahead of the tablet's.
    await recordAnchor(db, NOW + 120_000 + 5_000, 6_000, NOW + 5_000);
    expect(await readAnchors(db)).toEqual([{ session: APP_SESSION, serverTime: NOW + 125_000, perf: 6_000, deviceTime: NOW + 5_000 }]);
    const wire = toWirePlaced(unplaced, await readAnchors(db));
    expect(wire).toEqual({ id: unplaced.id, seq: 0, direction: 'in', deviceTime: NOW, visitor: guest('A'), clock: { basis: 'monotonic', offsetMs: 120_000 } });

    const later = await logCheckIn(db, guest('B'), 'in', NOW + 10_000, { session: APP_SESSION, perf: 11_000 });
    expect(later.clock).toEqual({ basis: 'stored', offsetMs: 120_000, measuredAt: NOW + 125_000 });
  });

  it('reads every setting at once for the first render', async () => {
    await setSetting(db, 'siteName', 'Cảng Cái Rồng');
    await setSetting(db, 'lang', 'en');
    expect(await getAllSettings(db)).toEqual({ siteName: 'Cảng Cái Rồng', lang: 'en' });
  });
});

describe('returning-guest search', () => {
  it('offers at most `limit` guests, looks back only `scan` records, and skips records with no name', async () => {
    for (let i = 0; i < 8; i++) await logCheckIn(db, guest(`090300000${i}`, `Khách ${i}`, { phone: `090300000${i}` }), 'in', NOW + i);
    // A site that keeps phones but not names: nothing to offer the attendant by.
    await logCheckIn(db, { kind: 'manual', subject: '0903999999', phone: '0903999999' }, 'in', NOW + 100);
    expect((await findReturningVisitors(db, '0903')).map((v) => v.subject)).toEqual(['0903000007', '0903000006', '0903000005', '0903000004', '0903000003', '0903000002']);
    expect((await findReturningVisitors(db, 'khach', 3)).map((v) => v.name)).toEqual(['Khách 7', 'Khách 6', 'Khách 5']);
    expect((await findReturningVisitors(db, 'khach', 6, 3)).map((v) => v.name)).toEqual(['Khách 7', 'Khách 6']); // the 3 newest include the nameless one
    expect(await findReturningVisitors(db, 'k')).toEqual([]);
    expect((await findReturningVisitors(db, ' kh ')).length).toBe(6);
  });

  it('finds a guest by ID number too', async () => {
    await logCheckIn(db, guest('079190012345', 'Lê Văn Tám', { idNumber: '079190012345' }), 'in', NOW);
    expect((await findReturningVisitors(db, '0791')).map((v) => v.name)).toEqual(['Lê Văn Tám']);
  });

  it("names the visit just before this one, not this one or a later one", async () => {
    const first = await logCheckIn(db, guest('A'), 'in', NOW);
    const second = await logCheckIn(db, guest('A'), 'out', NOW + 1);
    await logCheckIn(db, guest('A'), 'in', NOW + 2);
    expect((await previousVisit(db, 'A', second.seq))?.id).toBe(first.id);
    expect(await previousVisit(db, 'A', first.seq)).toBeUndefined();
  });
});

describe('isQuotaError', () => {
  it('knows a full disk however Dexie wraps it, and nothing else', () => {
    expect(isQuotaError({ name: 'QuotaExceededError' })).toBe(true);
    expect(isQuotaError({ name: 'AbortError', message: 'Transaction aborted', inner: { name: 'QuotaExceededError' } })).toBe(true);
    expect(isQuotaError({ name: 'X', inner: { name: 'Y', inner: { name: 'Z', message: 'The QUOTA was exceeded' } } })).toBe(true);
    expect(isQuotaError({ name: 'A', inner: { name: 'B', inner: { name: 'C', inner: { name: 'D', inner: { name: 'QuotaExceededError' } } } } })).toBe(false); // 5 deep: not Dexie's
    expect(isQuotaError(new Error('ConstraintError'))).toBe(false);
    expect(isQuotaError({ name: 'AbortError' })).toBe(false);
    expect(isQuotaError(null)).toBe(false);
    expect(isQuotaError(undefined)).toBe(false);
  });
});
