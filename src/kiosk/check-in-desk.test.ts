import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { GatelogDb } from '../db/gatelog-db';
import { CheckInDesk } from './check-in-desk';

const T0 = Date.UTC(2026, 10, 26, 3);
const CARD = '079190012345|025123456|Nguyễn Thị Ánh Tuyết|15031990|Nữ|Số 12, Quận 1, TP. Hồ Chí Minh|10082021';

describe('CheckInDesk', () => {
  it('logs a card once while in view, keeps only policy fields, and logs it again later', async () => {
    const db = new GatelogDb('desk-1');
    const desk = new CheckInDesk(db, () => ({ direction: 'in' }));
    const first = await desk.scanned(CARD, T0);
    expect(first?.kind).toBe('logged');
    expect(await desk.scanned(CARD, T0 + 100)).toBeNull();
    const row = first?.kind === 'logged' ? first.row : undefined;
    expect(row?.visitor).toEqual({ kind: 'cccd', subject: '079190012345', idNumber: '079190012345', name: 'Nguyễn Thị Ánh Tuyết', birthYear: 1990, gender: 'Nữ' });
    expect((await desk.scanned(CARD, T0 + 10_000))?.kind).toBe('logged');
    expect(await db.outbox.count()).toBe(2);
  });

  it('refuses a malformed card with its reason and writes nothing', async () => {
    const db = new GatelogDb('desk-2');
    const desk = new CheckInDesk(db, () => ({ direction: 'out' }));
    expect(await desk.scanned(CARD.replace('079190', '003190'), T0)).toEqual({ kind: 'rejected', reason: 'cccdProvince' });
    expect(await db.outbox.count()).toBe(0);
  });

  it('reports a failed write once per sighting, not once per frame, and lets the next sighting retry', async () => {
    const db = new GatelogDb('desk-3');
    const desk = new CheckInDesk(db, () => ({ direction: 'in' }));
    db.close();
    await db.delete(); // closed for good: writes now fail
    expect(await desk.scanned(CARD, T0)).toEqual({ kind: 'writeFailed', storageFull: false, name: 'Nguyễn Thị Ánh Tuyết' });
    expect(await desk.scanned(CARD, T0 + 100)).toBeNull();
    expect((await desk.scanned(CARD, T0 + 10_000))?.kind).toBe('writeFailed');
    const db2 = new GatelogDb('desk-3b');
    const desk2 = new CheckInDesk(db2, () => ({ direction: 'in' }));
    expect((await desk2.scanned(CARD, T0 + 1))?.kind).toBe('logged');
  });

  it('after a restart, does not log again a card the outbox shows logged just before', async () => {
    const db = new GatelogDb('desk-4');
    const now = Date.now();
    expect((await new CheckInDesk(db, () => ({ direction: 'in' })).scanned(CARD, now - 2000))?.kind).toBe('logged');
    const restarted = new CheckInDesk(db, () => ({ direction: 'in' }));
    expect(await restarted.scanned(CARD, now + 500)).toBeNull();
    expect(await restarted.scanned(CARD, now + 900)).toBeNull();
    expect((await restarted.scanned(CARD, now + 20_000))?.kind).toBe('logged');
    expect(await db.outbox.count()).toBe(2);
  });

  it('prepare() reads the restart window ahead and logs nothing: the first scan after it does not wait for that read (#14)', async () => {
    const db = new GatelogDb('desk-4b');
    const now = Date.now();
    expect((await new CheckInDesk(db, () => ({ direction: 'in' })).scanned(CARD, now - 2000))?.kind).toBe('logged');
    const restarted = new CheckInDesk(db, () => ({ direction: 'in' }));
    const reads = vi.spyOn(db.outbox, 'where');
    await restarted.prepare(now);
    expect(reads).toHaveBeenCalledWith('deviceTime');
    reads.mockClear();
    expect(await restarted.scanned(CARD, now + 500)).toBeNull(); // still suppressed: logged just before the restart
    expect(reads).not.toHaveBeenCalledWith('deviceTime');
    expect(await db.outbox.count()).toBe(1);
  });

  it('prepare() runs a whole check-in and rolls it back: the write path is warm, nothing is stored or announced (#14)', async () => {
    const db = new GatelogDb('desk-4c');
    const now = Date.now();
    await db.open(); // opening announces every table once (Dexie); only what follows counts
    await new Promise((r) => setTimeout(r, 20));
    const desk = new CheckInDesk(db, () => ({ direction: 'in' }));
    const writes = vi.spyOn(db.outbox, 'add');
    const changed = vi.fn();
    Dexie.on('storagemutated', changed);
    try {
      const rehearsed = await desk.prepare(now);
      expect(rehearsed?.kind).toBe('logged'); // what the kiosk renders once off the page
      expect(writes).toHaveBeenCalledTimes(1); // the write ran…
      expect(await db.outbox.count()).toBe(0); // …and was rolled back
      expect((await db.settings.get('nextSeq'))?.value).toBeUndefined();
      await new Promise((r) => setTimeout(r, 20));
      expect(changed).not.toHaveBeenCalled();
      // The first real visitor is the first record, and is not taken for the rehearsal's made-up one.
      const first = await desk.scanned(CARD, now + 1000);
      expect(first?.kind === 'logged' && first.row.seq).toBe(0);
      expect(first?.kind === 'logged' && first.previousVisitAt).toBeUndefined();
    } finally {
      Dexie.on('storagemutated').unsubscribe(changed);
    }
  });

  it('prepare() with the disk full says nothing and frees nothing: its write failing is no visitor\'s (#14)', async () => {
    const db = new GatelogDb('desk-4d');
    const now = Date.now();
    const desk = new CheckInDesk(db, () => ({ direction: 'in' }));
    const synced = await desk.scanned(CARD, now - 3_600_000);
    expect(synced?.kind).toBe('logged');
    if (synced?.kind === 'logged') await db.outbox.update(synced.row.id, { syncState: 'synced' });
    vi.spyOn(db.outbox, 'add').mockImplementation(() => Promise.reject(new DOMException('full', 'QuotaExceededError')) as never);
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      expect((await desk.prepare(now))?.kind).toBe('writeFailed');
      expect(errors).not.toHaveBeenCalled(); // the kiosk counts these lines as failed visitors (kiosk-storage-full test)
      expect(await db.outbox.count()).toBe(1); // the synced record was not freed for it
    } finally {
      errors.mockRestore();
    }
  });

  it('greets a returning guest on the way in, not on the way out of the same visit (#11)', async () => {
    const db = new GatelogDb('desk-5');
    let direction: 'in' | 'out' = 'in';
    const desk = new CheckInDesk(db, () => ({ direction }));
    await desk.scanned(CARD, T0);
    const again = await desk.scanned(CARD, T0 + 60_000);
    expect(again?.kind === 'logged' && again.previousVisitAt).toBe(T0);
    direction = 'out';
    const leaving = await desk.scanned(CARD, T0 + 120_000);
    expect(leaving?.kind).toBe('logged');
    expect(leaving?.kind === 'logged' && leaving.previousVisitAt).toBeUndefined();
  });

  it('retries a card whose write failed when it is shown again, and logs it once (#13)', async () => {
    const db = new GatelogDb('desk-6');
    await db.open();
    const desk = new CheckInDesk(db, () => ({ direction: 'in' }));
    // One failed write in (fake) IndexedDB itself, as a disk error would fail it; the desk and outbox are the real ones.
    const add = vi.spyOn(IDBObjectStore.prototype, 'add').mockImplementationOnce(() => {
      throw new DOMException('simulated disk error', 'UnknownError');
    });
    try {
      expect(await desk.scanned(CARD, T0)).toEqual({ kind: 'writeFailed', storageFull: false, name: 'Nguyễn Thị Ánh Tuyết' });
    } finally {
      add.mockRestore();
    }
    expect(await desk.scanned(CARD, T0 + 100)).toBeNull(); // the same sighting: one failure, not one per frame
    expect(await db.outbox.count()).toBe(0);
    expect((await desk.scanned(CARD, T0 + 10_000))?.kind).toBe('logged'); // shown again: retried, not a duplicate
    expect(await db.outbox.count()).toBe(1);
  });
});
