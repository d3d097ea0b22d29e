import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { GatelogDb } from './gatelog-db';
import { countPending, countToday, listRecent, logCheckIn, takePending, toWire } from './outbox';
import { checkInSchema } from '../protocol/checkin';

let db: GatelogDb;
let n = 0;
beforeEach(async () => {
  db = new GatelogDb(`test-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const visitor = (subject: string, name = 'Nguyễn Văn A') => ({ kind: 'cccd' as const, subject, idNumber: subject, name });

describe('outbox', () => {
  it('stores a check-in with a v7 id, a monotonic sequence and pending state; the wire form validates', async () => {
    const a = await logCheckIn(db, visitor('079190012345'), 'in', Date.UTC(2026, 10, 26, 3));
    const b = await logCheckIn(db, visitor('001205000001'), 'out', Date.UTC(2026, 10, 26, 2)); // clock went back
    expect([a.seq, b.seq]).toEqual([0, 1]);
    expect(a.syncState).toBe('pending');
    expect(checkInSchema.parse(toWire(a))).toEqual(toWire(a));
    expect(toWire(a)).not.toHaveProperty('syncState');
    expect((await takePending(db, 10)).map((r) => r.id)).toEqual([a.id, b.id]);
    expect(await countPending(db)).toBe(2);
  });

  it('counts pending records up to a cap, exactly below it (#14: without walking the whole queue)', async () => {
    for (let i = 0; i < 5; i++) await logCheckIn(db, visitor(String(i)), 'in');
    await db.outbox.where('seq').equals(0).modify({ syncState: 'synced' });
    expect([await countPending(db, 3), await countPending(db, 4), await countPending(db, 5), await countPending(db, 100)]).toEqual([3, 4, 4, 4]);
    expect(await countPending(db)).toBe(4);
  });

  it('keeps the sequence across a reopen', async () => {
    await logCheckIn(db, visitor('1'), 'in');
    db.close();
    db = new GatelogDb(db.name);
    const r = await logCheckIn(db, visitor('2'), 'in');
    expect(r.seq).toBe(1);
    expect((await listRecent(db, 5)).map((x) => x.visitor.subject)).toEqual(['2', '1']);
  });

  it('counts today: in, out and still inside by last passage', async () => {
    const now = new Date(2026, 10, 26, 15).getTime();
    const yesterday = new Date(2026, 10, 25, 15).getTime();
    await logCheckIn(db, visitor('A'), 'in', yesterday);
    await logCheckIn(db, visitor('A'), 'in', now - 3000);
    await logCheckIn(db, visitor('B'), 'in', now - 2000);
    await logCheckIn(db, visitor('A'), 'out', now - 1000);
    expect(await countToday(db, now)).toEqual({ in: 2, out: 1, inside: 1 });
  });

  it('excludes synced and rejected rows from pending, oldest first', async () => {
    const rows = [];
    for (let i = 0; i < 5; i++) rows.push(await logCheckIn(db, visitor(String(i)), 'in'));
    await db.outbox.update(rows[0]!.id, { syncState: 'synced' });
    await db.outbox.update(rows[2]!.id, { syncState: 'rejected', rejectReason: 'bad' });
    expect((await takePending(db, 2)).map((r) => r.visitor.subject)).toEqual(['1', '3']);
    expect(await countPending(db)).toBe(3);
  });
});

describe('outbox write (issue #13)', () => {
  it('commits each check-in in a strict-durability readwrite transaction over the outbox: "logged" means on disk', async () => {
    const opened: IDBTransaction[] = [];
    const transaction = IDBDatabase.prototype.transaction;
    // Observes the transactions the real outbox code opens on (fake) IndexedDB; nothing of ours is replaced.
    // Dexie binds IDBDatabase#transaction when it opens, so the connection is opened after the spy.
    const spy = vi.spyOn(IDBDatabase.prototype, 'transaction').mockImplementation(function (this: IDBDatabase, ...args: Parameters<IDBDatabase['transaction']>) {
      const tx = transaction.apply(this, args);
      opened.push(tx);
      return tx;
    });
    const tab = new GatelogDb(db.name);
    try {
      await logCheckIn(tab, visitor('079190012345'), 'in');
    } finally {
      spy.mockRestore();
      tab.close();
    }
    const writes = opened.filter((tx) => tx.mode === 'readwrite' && Array.from(tx.objectStoreNames).includes('outbox'));
    expect(writes).toHaveLength(1);
    expect(writes[0]!.durability).toBe('strict');
  });

  it('gives concurrent check-ins distinct, gap-free sequence numbers, also from a second connection (another tab)', async () => {
    const otherTab = new GatelogDb(db.name);
    const n = 40;
    const rows = await Promise.all(Array.from({ length: n }, (_, i) => logCheckIn(i % 2 ? otherTab : db, visitor(`S${i}`), 'in')));
    const inOrder = (seqs: number[]) => [...seqs].sort((a, b) => a - b);
    const expected = Array.from({ length: n }, (_, i) => i);
    expect(inOrder(rows.map((r) => r.seq))).toEqual(expected);
    expect(inOrder((await db.outbox.toArray()).map((r) => r.seq))).toEqual(expected);
    expect((await logCheckIn(otherTab, visitor('last'), 'out')).seq).toBe(n);
    otherTab.close();
  });
});

describe('schema migration', () => {
  it('upgrades a version-1 database to version 2 without losing a row, and indexes subjects', async () => {
    const name = `migrate-${Math.random()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ outbox: 'id, seq, deviceTime, [syncState+seq]', settings: 'key' });
    await v1.table('outbox').bulkAdd([
      { id: 'a', seq: 0, direction: 'in', deviceTime: 1, visitor: { kind: 'cccd', subject: 'S1' }, syncState: 'pending' },
      { id: 'b', seq: 1, direction: 'out', deviceTime: 2, visitor: { kind: 'cccd', subject: 'S1' }, syncState: 'synced' },
    ]);
    await v1.table('settings').put({ key: 'nextSeq', value: 2 });
    v1.close();
    const v2 = new GatelogDb(name);
    expect(await v2.outbox.count()).toBe(2);
    expect((await v2.outbox.where('visitor.subject').equals('S1').toArray()).map((r) => r.id)).toEqual(['a', 'b']);
    expect(await v2.roster.count()).toBe(0);
    expect((await logCheckIn(v2, visitor('S2'), 'in')).seq).toBe(2);
    v2.close();
    await Dexie.delete(name);
  });
});
