import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { GatelogDb } from './gatelog-db';
import { logCheckIn } from './outbox';
import { applyRetention, countOverdue } from './retention';
import { freeConfirmed } from './free-space';
import { SYNC_STATES } from './gatelog-db';
import { applyRosterPage, findOnRoster, hasRoster } from './roster';
import { findReturningVisitors, previousVisit } from './repeat-visitors';
import { getSetting } from './settings';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 26, 5);
const v = (subject: string, name = 'Khách', phone?: string) => ({ kind: 'manual' as const, subject, name, ...(phone ? { phone } : {}) });

describe('retention on the kiosk (controllable clock)', () => {
  it('purges synced records past retention, keeps and counts unsynced ones', async () => {
    const db = new GatelogDb(`ret-${Math.random()}`);
    const old1 = await logCheckIn(db, v('A'), 'in', NOW - 40 * DAY);
    const old2 = await logCheckIn(db, v('B'), 'in', NOW - 31 * DAY);
    const old3 = await logCheckIn(db, v('C'), 'in', NOW - 35 * DAY);
    const fresh = await logCheckIn(db, v('D'), 'in', NOW - 29 * DAY);
    await db.outbox.update(old1.id, { syncState: 'synced' });
    await db.outbox.update(old2.id, { syncState: 'synced' });
    await db.outbox.update(fresh.id, { syncState: 'synced' });
    await db.outbox.update(old3.id, { syncState: 'rejected', rejectReason: 'x' });
    expect(await applyRetention(db, 30, NOW)).toEqual({ purged: 2, overdue: 1 });
    expect((await db.outbox.toArray()).map((r) => r.id).sort()).toEqual([old3.id, fresh.id].sort());
    // A day later the fresh one is past 30 days too.
    expect(await applyRetention(db, 30, NOW + 2 * DAY)).toEqual({ purged: 1, overdue: 1 });
  });
});

describe('the kiosk never deletes what the server has not confirmed (issue #13)', () => {
  /** One record per sync state, all long past retention, plus one synced record of today. */
  async function everyState(db: GatelogDb) {
    const old = new Map<string, string>();
    for (const state of SYNC_STATES) {
      const row = await logCheckIn(db, v(`old-${state}`), 'in', NOW - 90 * DAY);
      await db.outbox.update(row.id, { syncState: state, ...(state === 'rejected' ? { rejectReason: 'x' } : {}) });
      old.set(state, row.id);
    }
    const today = await logCheckIn(db, v('today'), 'in', NOW);
    await db.outbox.update(today.id, { syncState: 'synced' });
    return { old, today: today.id };
  }
  const unconfirmed = SYNC_STATES.filter((s) => s !== 'synced');

  it('retention deletes only synced records past retention; pending, rejected and held ones stay and are counted overdue', async () => {
    const db = new GatelogDb(`ret-states-${Math.random()}`);
    const { old, today } = await everyState(db);
    expect(await applyRetention(db, 30, NOW)).toEqual({ purged: 1, overdue: unconfirmed.length });
    expect((await db.outbox.toArray()).map((r) => r.id).sort()).toEqual([...unconfirmed.map((s) => old.get(s)!), today].sort());
    expect(await applyRetention(db, 0, NOW + DAY)).toEqual({ purged: 1, overdue: unconfirmed.length }); // even retention 0
    expect(await countOverdue(db, 0, NOW + DAY)).toBe(unconfirmed.length);
    expect((await db.outbox.toArray()).map((r) => r.syncState).sort()).toEqual([...unconfirmed].sort());
  });

  it('freeing room when storage is full deletes only synced records, oldest first', async () => {
    const db = new GatelogDb(`free-states-${Math.random()}`);
    const { old, today } = await everyState(db);
    expect(await freeConfirmed(db, NOW)).toBe(1); // the old synced one: before today
    expect(await db.outbox.get(old.get('synced')!)).toBeUndefined();
    expect(await freeConfirmed(db, NOW)).toBe(1); // then today's synced one
    expect(await db.outbox.get(today)).toBeUndefined();
    expect(await freeConfirmed(db, NOW)).toBe(0); // nothing confirmed left: nothing more is deleted
    expect((await db.outbox.toArray()).map((r) => r.syncState).sort()).toEqual([...unconfirmed].sort());
  });
});

describe('roster on the kiosk', () => {
  it('applies pages with tombstones and advances the cursor', async () => {
    const db = new GatelogDb(`roster-${Math.random()}`);
    expect(await hasRoster(db)).toBe(false);
    await applyRosterPage(db, { entries: [
      { code: 'HS001', name: 'Nguyễn Minh Khang', group: '10A1', role: 'student', version: 1, deleted: false },
      { code: 'HS002', name: 'Lê Bảo Ngọc', group: '10A2', role: 'student', version: 2, deleted: false },
    ], nextSince: 2, more: false });
    await applyRosterPage(db, { entries: [{ code: 'HS001', name: 'Nguyễn Minh Khang', group: '', role: '', version: 3, deleted: true }], nextSince: 3, more: false });
    expect(await findOnRoster(db, 'HS001')).toBeUndefined();
    expect(await findOnRoster(db, 'HS002')).toEqual({ code: 'HS002', name: 'Lê Bảo Ngọc', group: '10A2', role: 'student', version: 2 });
    expect(await getSetting(db, 'rosterSince')).toBe(3);
  });
});

describe('returning visitors', () => {
  it('finds an earlier visit and matches typed names and phones, newest first, once per subject', async () => {
    const db = new GatelogDb(`repeat-${Math.random()}`);
    await logCheckIn(db, v('0903111222', 'Bà Năm', '0903111222'), 'in', NOW - 3 * DAY);
    await logCheckIn(db, v('0903111222', 'Bà Năm', '0903111222'), 'out', NOW - 2 * DAY);
    await logCheckIn(db, v('0912000111', 'Ông Năm Lửa', '0912000111'), 'in', NOW - DAY);
    const now = await logCheckIn(db, v('0903111222', 'Bà Năm', '0903111222'), 'in', NOW);
    expect((await previousVisit(db, '0903111222', now.seq))?.direction).toBe('out');
    expect(await previousVisit(db, 'nobody', now.seq)).toBeUndefined();
    expect((await findReturningVisitors(db, 'năm')).map((x) => x.subject)).toEqual(['0903111222', '0912000111']);
    expect((await findReturningVisitors(db, '0912')).map((x) => x.name)).toEqual(['Ông Năm Lửa']);
    expect(await findReturningVisitors(db, 'x')).toEqual([]);
  });

  it('ignores tones and case (#11): "nam lua" and "ÔNG NĂM" find Ông Năm Lửa', async () => {
    const db = new GatelogDb(`repeat-${Math.random()}`);
    await logCheckIn(db, v('0912000111', 'Ông Năm Lửa', '0912000111'), 'in', NOW - DAY);
    await logCheckIn(db, v('079190012345', 'Nguyễn Thị Ánh Tuyết', '0903000999'), 'in', NOW);
    expect((await findReturningVisitors(db, 'nam lua')).map((x) => x.name)).toEqual(['Ông Năm Lửa']);
    expect((await findReturningVisitors(db, 'ÔNG NĂM')).map((x) => x.name)).toEqual(['Ông Năm Lửa']);
    expect((await findReturningVisitors(db, 'tuyet')).map((x) => x.name)).toEqual(['Nguyễn Thị Ánh Tuyết']);
    expect((await findReturningVisitors(db, 'nguyen thi')).map((x) => x.name)).toEqual(['Nguyễn Thị Ánh Tuyết']);
  });
});
