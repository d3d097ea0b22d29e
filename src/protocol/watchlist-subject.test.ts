import { describe, expect, it } from 'vitest';
import { parseCode } from '../domain/parse-code';
import { watchlistHash } from '../domain/watchlist-hash';
import { normaliseWatchlistSubject, watchlistKey, watchlistKeysOf } from './watchlist-subject';

const SALT = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';

describe('watchlist subjects (#16)', () => {
  it('normalises what an admin types to what a code carries', () => {
    expect(normaliseWatchlistSubject('id_number', ' 001.099-012 345 ')).toBe('001099012345');
    expect(normaliseWatchlistSubject('id_number', '123456789')).toBe('123456789');
    expect(normaliseWatchlistSubject('id_number', '12345')).toBeNull();
    expect(normaliseWatchlistSubject('id_number', '00109901234a')).toBeNull();
    expect(normaliseWatchlistSubject('phone', '+84 912 345 678')).toBe('0912345678');
    expect(normaliseWatchlistSubject('phone', '84912345678')).toBe('0912345678');
    expect(normaliseWatchlistSubject('phone', '(0912) 345.678')).toBe('0912345678');
    expect(normaliseWatchlistSubject('phone', 'call me')).toBeNull();
    expect(normaliseWatchlistSubject('badge', ' hs-2024-1 ')).toBe('HS-2024-1');
    expect(normaliseWatchlistSubject('badge', 'a\u0007b')).toBeNull();
    expect(normaliseWatchlistSubject('pass', '')).toBeNull();
    expect(normaliseWatchlistSubject('badge', 'x'.repeat(129))).toBeNull();
  });

  it('takes the CCCD number out of the QR text, not the raw text', () => {
    const text = '079190012345|025123456|Nguyễn Thị Ánh Tuyết|15031990|Nữ|Số 12, Quận 1|10082021';
    const parsed = parseCode(text, new Date('2026-11-26T00:00:00Z'));
    if (!parsed.ok) throw new Error(parsed.reason);
    expect(watchlistKeysOf(parsed.visitor)).toEqual([watchlistKey('id_number', '079190012345')]);
  });

  it('offers every key a visitor can be listed under, once each', () => {
    expect(watchlistKeysOf({ kind: 'pass', subject: 'abcdefghjk', passId: 'abcdefghjk', phone: '+84912345678', idNumber: '001099012345' })).toEqual([
      'id_number\n001099012345',
      'phone\n0912345678',
      'pass\nABCDEFGHJK',
    ]);
    expect(watchlistKeysOf({ kind: 'manual', subject: '0912345678', phone: '0912345678', name: 'B' })).toEqual(['phone\n0912345678']);
    expect(watchlistKeysOf({ kind: 'opaque', subject: 'hs-1' })).toEqual(['badge\nHS-1']);
    expect(watchlistKeysOf({ kind: 'badge', subject: 'HS-1', name: 'C' })).toEqual(['badge\nHS-1']);
  });

  it('hashes slowly, keyed: same subject and salt match; another salt or kind does not', async () => {
    const a = await watchlistHash('id_number\n001099012345', SALT, 1000);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await watchlistHash('id_number\n001099012345', SALT, 1000)).toBe(a);
    expect(await watchlistHash('phone\n001099012345', SALT, 1000)).not.toBe(a);
    expect(await watchlistHash('id_number\n001099012345', SALT.replace('A', 'B'), 1000)).not.toBe(a);
    expect(await watchlistHash('id_number\n001099012345', SALT, 2000)).not.toBe(a);
  });
});
