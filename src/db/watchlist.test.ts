import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { encodePass } from '../domain/pass';
import { watchlistHash } from '../domain/watchlist-hash';
import { watchlistKey, type WatchlistKind } from '../protocol/watchlist-subject';
import type { KioskWatchlist } from '../protocol/watchlist-sync';
import { CheckInDesk } from '../kiosk/check-in-desk';
import { GatelogDb } from './gatelog-db';
import { countToday, toWire } from './outbox';
import { findWatchlistMatch, replaceWatchlist } from './watchlist';

const SALT = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
const ITER = 1000;
const CARD = '079190012345|025123456|Nguyễn Thị Ánh Tuyết|15031990|Nữ|Số 12, Quận 1, TP. Hồ Chí Minh|10082021';
const T0 = Date.UTC(2026, 10, 26, 3);

async function list(entries: Array<{ id: string; key: string; action: 'refuse' | 'alert'; reason: string }>): Promise<KioskWatchlist> {
  return {
    version: 'v1',
    unchanged: false,
    salts: [{ keyId: 'org_a.1000', salt: SALT, iterations: ITER, kinds: [...new Set(entries.map((e) => e.key.split('\n')[0] as WatchlistKind))] }],
    entries: await Promise.all(entries.map(async (e) => ({ id: e.id, keyId: 'org_a.1000', hash: await watchlistHash(e.key, SALT, ITER), action: e.action, reason: e.reason }))),
  };
}

let db: GatelogDb;
let n = 0;
beforeEach(async () => {
  db = new GatelogDb(`wl-${++n}`);
  await db.open();
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

describe('kiosk watchlist (#16)', () => {
  it('matches by keyed hash only, a refusal before an alert; holds no subject', async () => {
    await replaceWatchlist(
      db,
      await list([
        { id: 'wl_a', key: watchlistKey('phone', '0912345678'), action: 'alert', reason: 'Báo bảo vệ' },
        { id: 'wl_r', key: watchlistKey('id_number', '079190012345'), action: 'refuse', reason: 'Không được đón học sinh' },
      ]),
    );
    expect(JSON.stringify(await db.watchlist.toArray())).not.toMatch(/0912345678|079190012345/);
    expect(await findWatchlistMatch(db, { kind: 'pass', subject: 'ABCDEFGHJK', passId: 'ABCDEFGHJK', phone: '0912 345 678'.replace(/ /g, ''), idNumber: '079190012345' })).toMatchObject({ id: 'wl_r' });
    expect(await findWatchlistMatch(db, { kind: 'manual', subject: '+84912345678', phone: '+84912345678', name: 'B' })).toMatchObject({ id: 'wl_a' });
    expect(await findWatchlistMatch(db, { kind: 'cccd', subject: '001099012345', idNumber: '001099012345' })).toBeUndefined();
    // A new list replaces the old one whole.
    await replaceWatchlist(db, await list([]));
    expect(await findWatchlistMatch(db, { kind: 'cccd', subject: '079190012345', idNumber: '079190012345' })).toBeUndefined();
  });

  it('hashes only the kinds the list holds (each hash costs scan latency); nothing with an empty list', async () => {
    const derive = vi.spyOn(crypto.subtle, 'deriveBits');
    await findWatchlistMatch(db, { kind: 'pass', subject: 'ABCDEFGHJK', passId: 'ABCDEFGHJK', phone: '0912345678', idNumber: '079190012345' });
    expect(derive).toHaveBeenCalledTimes(0);
    await replaceWatchlist(db, await list([{ id: 'wl_p', key: watchlistKey('phone', '0912345678'), action: 'alert', reason: 'r' }]));
    derive.mockClear();
    expect(await findWatchlistMatch(db, { kind: 'pass', subject: 'ABCDEFGHJK', passId: 'ABCDEFGHJK', phone: '0912345678', idNumber: '079190012345' })).toMatchObject({ id: 'wl_p' });
    expect(derive).toHaveBeenCalledTimes(1);
    derive.mockRestore();
  });

  it('logs a refused attempt that syncs with its outcome, shown red with the reason, and never counted inside', async () => {
    await replaceWatchlist(db, await list([{ id: 'wl_r', key: watchlistKey('id_number', '079190012345'), action: 'refuse', reason: 'Không được đón học sinh' }]));
    // The site keeps no ID number: the match is made before the policy drops it.
    const desk = new CheckInDesk(db, () => ({ direction: 'in', policy: { keptFields: ['name'], retentionDays: 30 } }));
    const o = await desk.scanned(CARD, T0);
    expect(o).toMatchObject({ kind: 'refused', reason: 'Không được đón học sinh', name: 'Nguyễn Thị Ánh Tuyết' });
    const row = o?.kind === 'refused' ? o.row! : undefined;
    expect(toWire(row!)).toMatchObject({ outcome: 'refused', watchlistId: 'wl_r', direction: 'in' });
    expect(row!.visitor.idNumber).toBeUndefined();
    expect(await countToday(db, T0)).toEqual({ in: 0, out: 0, inside: 0 });
  });

  it('lets an alerted visitor in, flagged — matched on a phone the site does not keep', async () => {
    await replaceWatchlist(db, await list([{ id: 'wl_a', key: watchlistKey('phone', '0912345678'), action: 'alert', reason: 'Báo bảo vệ' }]));
    const desk = new CheckInDesk(db, () => ({ direction: 'in', policy: { keptFields: ['name'], retentionDays: 30 } }));
    const o = await desk.scanned(encodePass({ passId: '7K3M9Q2XAB', name: 'Phạm Quỳnh Anh', phone: '0912345678' }), T0);
    expect(o?.kind === 'logged' ? o.row.visitor.phone : 'not logged').toBeUndefined();
    expect(o).toMatchObject({ kind: 'logged', alert: 'Báo bảo vệ' });
    expect(o?.kind === 'logged' && toWire(o.row)).toMatchObject({ outcome: 'alert', watchlistId: 'wl_a' });
    expect(await countToday(db, T0)).toMatchObject({ in: 1, inside: 1 });
  });
});
