import { describe, expect, it } from 'vitest';
import { parseCccd, parseDdMmYyyy } from './cccd';
import { parseCode } from './parse-code';

const NOW = new Date('2026-11-26T00:00:00Z');
const card = (f: Partial<Record<'id' | 'old' | 'name' | 'birth' | 'gender' | 'address' | 'issued', string>> = {}) =>
  [
    f.id ?? '079190012345',
    f.old ?? '025123456',
    f.name ?? 'Nguyễn Thị Ánh Tuyết',
    f.birth ?? '15031990',
    f.gender ?? 'Nữ',
    f.address ?? 'Số 12, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
    f.issued ?? '10082021',
  ].join('|');

describe('parseCccd', () => {
  it('parses a valid card with Vietnamese diacritics intact', () => {
    const r = parseCccd(card({ id: '079190012345' }), NOW);
    expect(r).toEqual({
      ok: true,
      visitor: {
        kind: 'cccd',
        subject: '079190012345',
        idNumber: '079190012345',
        name: 'Nguyễn Thị Ánh Tuyết',
        birthDate: '1990-03-15',
        birthYear: 1990,
        gender: 'Nữ',
        address: 'Số 12, Phường Bến Nghé, Quận 1, TP. Hồ Chí Minh',
      },
    });
  });

  it('accepts an empty old ID, a 2000s male, and NFD input normalised to NFC', () => {
    const nfd = 'Trần Văn Đức'.normalize('NFD');
    const r = parseCccd(card({ id: '001205000001', old: '', name: nfd, birth: '01012005', gender: 'Nam' }), NOW);
    expect(r.ok && r.visitor.name).toBe('Trần Văn Đức'.normalize('NFC'));
    expect(r.ok && r.visitor.birthYear).toBe(2005);
  });

  it('accepts extra trailing fields and a trailing newline', () => {
    expect(parseCccd(card({ id: '079190012345' }) + '|extra|\n', NOW).ok).toBe(true);
  });

  it('keeps HTML in a name as plain text (rendering escapes it)', () => {
    const r = parseCccd(card({ id: '079190012345', name: '<img src=x onerror=alert(1)>' }), NOW);
    expect(r.ok && r.visitor.name).toBe('<img src=x onerror=alert(1)>');
  });

  it.each([
    ['too few fields', '079190012345|025123456|Tên', 'cccdFields'],
    ['11-digit number', card({ id: '07919101234' }), 'cccdNumber'],
    ['letters in the number', card({ id: '07919101234A' }), 'cccdNumber'],
    ['8-digit old id', card({ id: '079190012345', old: '02512345' }), 'cccdNumber'],
    ['unknown province 003', card({ id: '003191012345' }), 'cccdProvince'],
    ['province 000', card({ id: '000191012345' }), 'cccdProvince'],
    ['century digit says 2000s, born 1990', card({ id: '079390012345' }), 'cccdCentury'],
    ['year digits 91 vs born 1990', card({ id: '079191912345' }), 'cccdBirthYear'],
    ['30 February', card({ id: '079190012345', birth: '30021990' }), 'cccdBirthDate'],
    ['birth date in the future', card({ id: '079130012345', birth: '01012030' }), 'cccdBirthDate'],
    ['short date', card({ id: '079190012345', birth: '1031990' }), 'cccdBirthDate'],
    ['female digit, male gender', card({ id: '079190012345', gender: 'Nam' }), 'cccdGender'],
    ['unknown gender word', card({ id: '079190012345', gender: 'X' }), 'cccdGender'],
    ['empty name', card({ id: '079190012345', name: '  ' }), 'cccdName'],
    ['control character in name', card({ id: '079190012345', name: 'Lê\u0007Văn' }), 'controlChars'],
    ['3 KB of garbage after a CCCD prefix', '079190012345|' + 'x|'.repeat(1500), 'tooLong'],
  ])('rejects %s', (_label, text, reason) => {
    expect(parseCccd(text, NOW)).toEqual({ ok: false, reason });
  });
});

describe('parseDdMmYyyy', () => {
  it('handles leap years', () => {
    expect(parseDdMmYyyy('29022000')).toBe('2000-02-29');
    expect(parseDdMmYyyy('29021900')).toBeNull();
  });
});

describe('parseCode dispatch', () => {
  it('routes a CCCD-looking code to the CCCD parser, even when it is broken', () => {
    expect(parseCode(card({ id: '003191012345' }), NOW)).toEqual({ ok: false, reason: 'cccdProvince' });
  });
  it('logs a school badge as an opaque code', () => {
    expect(parseCode('HS-2024-00187')).toEqual({ ok: true, visitor: { kind: 'opaque', subject: 'HS-2024-00187' } });
  });
  it('treats a bare 12-digit number as opaque, not as a broken card', () => {
    expect(parseCode('079190012345')).toMatchObject({ ok: true, visitor: { kind: 'opaque' } });
  });
  it('refuses 3 KB of garbage, empty codes and binary junk', () => {
    expect(parseCode('z'.repeat(3072))).toEqual({ ok: false, reason: 'tooLong' });
    expect(parseCode('   ')).toEqual({ ok: false, reason: 'empty' });
    expect(parseCode('ab\u0000\u0001cd')).toEqual({ ok: false, reason: 'controlChars' });
  });
  it('keeps an opaque code of exactly the maximum length', () => {
    expect(parseCode('a'.repeat(512)).ok).toBe(true);
    expect(parseCode('a'.repeat(513)).ok).toBe(false);
  });
});
