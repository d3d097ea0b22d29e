import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { APP_SESSION, readAnchors, recordAnchor } from './clock-anchors';
import { freeConfirmed } from './free-space';
import { DB_NAME, GatelogDb, getDb, type OutboxRow } from './gatelog-db';
import { listRecent, takePending } from './outbox';
import { countHeld, settleRecordsForSite } from './records-by-site';
import { findReturningVisitors } from './repeat-visitors';
import { applyRosterPage, hasRoster } from './roster';
import { setSetting } from './settings';

// The kiosk database across enrolments, upgrades and app restarts, on a real Dexie database over fake-indexeddb.
const names: string[] = [];
const open = (name: string) => {
  names.push(name);
  return new GatelogDb(name);
};
afterEach(async () => {
  for (const name of names.splice(0)) await Dexie.delete(name);
});

const row = (seq: number, id: string, over: Partial<OutboxRow> = {}): OutboxRow => ({
  id,
  seq,
  direction: 'in',
  deviceTime: Date.UTC(2026, 10, 27, 3) + seq,
  visitor: { kind: 'manual', subject: `09120000${seq}`, name: `Khách ${seq}`, phone: `09120000${seq}` },
  syncState: 'pending',
  ...over,
});
const id = (n: number) => `01900000-0000-7000-8000-${String(n).padStart(12, '0')}`;

describe('records across enrolments', () => {
  it("leaves this site's queue alone and keeps another site's held records held", async () => {
    const db = open('settle-2');
    await db.outbox.bulkAdd([row(1, id(1), { siteId: 'B' }), row(2, id(2), { siteId: 'A', syncState: 'held' })]);
    await settleRecordsForSite(db, 'B');
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => [r.siteId, r.syncState])).toEqual([
      ['B', 'pending'],
      ['A', 'held'],
    ]);
    expect(await countHeld(db, 10)).toBe(1);
    expect(await countHeld(db, 0)).toBe(0);
  });

  it('sends only pending records, never held, refused or confirmed ones', async () => {
    const db = open('take-1');
    await db.outbox.bulkAdd([
      row(1, id(1), { syncState: 'held' }),
      row(2, id(2)),
      row(3, id(3), { syncState: 'rejected' }),
      row(4, id(4), { syncState: 'synced' }),
      row(5, id(5)),
    ]);
    expect((await takePending(db, 10)).map((r) => r.seq)).toEqual([2, 5]);
  });
});

describe('order of logging, whatever the ids say', () => {
  it('lists and suggests by the order things were logged, even when the clock went back between two app starts', async () => {
    const db = open('order-1');
    // After a restart with the clock set back, a later record gets a smaller time-ordered id.
    await db.outbox.bulkAdd([row(1, id(9)), row(2, id(5)), row(3, id(1))]);
    expect((await listRecent(db, 2)).map((r) => r.seq)).toEqual([3, 2]);
    expect((await findReturningVisitors(db, 'khach', 2)).map((v) => v.name)).toEqual(['Khách 3', 'Khách 2']);
  });
});

describe('making room on a full disk', () => {
  it("deletes today's confirmed records oldest first by when they were logged, not by id", async () => {
    const db = open('free-today');
    const now = Date.now();
    // Logged after a restart with the clock set back: the earlier record has the larger id.
    await db.outbox.bulkAdd([
      row(1, id(1), { syncState: 'synced', deviceTime: now - 1_000 }),
      row(2, id(2), { syncState: 'synced', deviceTime: now - 5_000 }),
    ]);
    expect(await freeConfirmed(db, now, 1)).toBe(1);
    expect((await db.outbox.toArray()).map((r) => r.seq)).toEqual([1]);
  });
});

describe('schema upgrade', () => {
  it('labels records kept from before version 3 with the site the kiosk was enrolled at', async () => {
    const name = 'upgrade-v3';
    names.push(name);
    const v2 = new Dexie(name);
    v2.version(2).stores({ outbox: 'id, seq, deviceTime, [syncState+seq], visitor.subject', settings: 'key', roster: 'code' });
    await v2.table('outbox').bulkAdd([row(1, id(1)), row(2, id(2), { syncState: 'synced' })]);
    await v2.table('settings').put({ key: 'siteId', value: 'SITE-7' });
    v2.close();
    const db = new GatelogDb(name);
    expect((await db.outbox.orderBy('seq').toArray()).map((r) => r.siteId)).toEqual(['SITE-7', 'SITE-7']);
    db.close();
  });

  it('leaves records unlabelled when the kiosk was not enrolled before the upgrade', async () => {
    const name = 'upgrade-v3-bare';
    names.push(name);
    const v2 = new Dexie(name);
    v2.version(2).stores({ outbox: 'id, seq, deviceTime, [syncState+seq], visitor.subject', settings: 'key', roster: 'code' });
    await v2.table('outbox').add(row(1, id(1)));
    v2.close();
    const db = new GatelogDb(name);
    expect((await db.outbox.toArray()).map((r) => 'siteId' in r)).toEqual([false]);
    db.close();
  });

  it('has one app database, opened once', () => {
    expect(getDb()).toBe(getDb());
    expect(getDb().name).toBe(DB_NAME);
  });
});

describe('clock anchors and roster', () => {
  it("keeps other app sessions' anchors when this session hears from the server", async () => {
    const db = open('anchors-1');
    await setSetting(db, 'clockAnchors', [{ session: 'earlier-page-load', serverTime: 1, perf: 1, deviceTime: 1 }]);
    await recordAnchor(db, 1_000, 2, 3);
    expect(await readAnchors(db)).toEqual([
      { session: APP_SESSION, serverTime: 1_000, perf: 2, deviceTime: 3 },
      { session: 'earlier-page-load', serverTime: 1, perf: 1, deviceTime: 1 },
    ]);
  });

  it('knows it has a roster once a page brought entries, and not after they are all removed', async () => {
    const db = open('roster-has');
    await applyRosterPage(db, { entries: [{ code: 'HS1', name: 'An', group: '', role: '', version: 1, deleted: false }], nextSince: 1, more: false });
    expect(await hasRoster(db)).toBe(true);
    await applyRosterPage(db, { entries: [{ code: 'HS1', name: 'An', group: '', role: '', version: 2, deleted: true }], nextSince: 2, more: false });
    expect(await hasRoster(db)).toBe(false);
  });
});
