import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../protocol/visitor-limits';
import { looksLikeCccd, parseCccd, parseDdMmYyyy } from './cccd';
import { parseCode } from './parse-code';

// Edges of real cards the attendant meets: the gender word in either language, 19th-century and this-year
// births, long names and addresses, codes with a stray newline or spaces. (cccd.test.ts holds the main cases.)
const NOW = new Date('2026-11-26T00:00:00Z');
const card = (f: Partial<Record<'id' | 'old' | 'name' | 'birth' | 'gender' | 'address', string>> = {}) =>
  [f.id ?? '079190012345', f.old ?? '025123456', f.name ?? 'Lê Văn Tám', f.birth ?? '15031990', f.gender ?? 'Nữ', f.address ?? 'Huế', '10082021'].join('|');

describe('parseCccd edges', () => {
  it.each([
    ['Nam', '079090012345', 'Nam'],
    ['male', '079090012345', 'Nam'],
    ['MALE', '079090012345', 'Nam'],
    ['nu', '079190012345', 'Nữ'],
    ['female', '079190012345', 'Nữ'],
    ['  Nữ ', '079190012345', 'Nữ'],
  ])('reads the gender word %j', (word, id, gender) => {
    const r = parseCccd(card({ id, gender: word }), NOW);
    expect(r.ok && r.visitor.gender).toBe(gender);
  });

  it('refuses a male digit on a card that says female', () => {
    expect(parseCccd(card({ id: '079090012345', gender: 'Nữ' }), NOW)).toEqual({ ok: false, reason: 'cccdGender' });
  });

  it('reads each century digit: 1800s (8/9), 1900s (0/1), 2000s (2/3)', () => {
    // Born 1899 is before the first year a card can show.
    expect(parseCccd(card({ id: '079899012345', birth: '01011899', gender: 'Nam' }), NOW)).toEqual({ ok: false, reason: 'cccdBirthDate' });
    expect(parseCccd(card({ id: '079000012345', birth: '01011900', gender: 'Nam' }), NOW)).toMatchObject({ ok: true, visitor: { birthYear: 1900 } });
    expect(parseCccd(card({ id: '079326012345', birth: '01012026', gender: 'Nữ' }), NOW)).toMatchObject({ ok: true, visitor: { birthYear: 2026 } });
    expect(parseCccd(card({ id: '079327012345', birth: '01012027', gender: 'Nữ' }), NOW)).toEqual({ ok: false, reason: 'cccdBirthDate' });
    // The digit for the 2100s never matches a real birth year.
    expect(parseCccd(card({ id: '079490012345', birth: '15031990', gender: 'Nam' }), NOW)).toEqual({ ok: false, reason: 'cccdCentury' });
  });

  it('keeps a name of the maximum length and refuses one longer', () => {
    const long = 'A'.repeat(MAX_NAME_LENGTH);
    expect(parseCccd(card({ name: long }), NOW)).toMatchObject({ ok: true, visitor: { name: long } });
    expect(parseCccd(card({ name: `${long}B` }), NOW)).toEqual({ ok: false, reason: 'cccdName' });
  });

  it('cuts an address at 300 characters and leaves an empty one out', () => {
    const r = parseCccd(card({ address: 'x'.repeat(400) }), NOW);
    expect(r.ok && r.visitor.address).toBe('x'.repeat(300));
    const bare = parseCccd(card({ address: '  ' }), NOW);
    expect(bare.ok && 'address' in bare.visitor).toBe(false);
  });

  it('trims spaces around the numbers and reads a CRLF-terminated code', () => {
    expect(parseCccd(`${card({ id: ' 079190012345 ', old: ' 025123456 ' })}\r\n`, NOW)).toMatchObject({ ok: true, visitor: { subject: '079190012345' } });
  });

  it('refuses a 10-digit old ID and a 13-digit number', () => {
    expect(parseCccd(card({ old: '0251234567' }), NOW)).toEqual({ ok: false, reason: 'cccdNumber' });
    expect(parseCccd(card({ id: '0791900123456' }), NOW)).toEqual({ ok: false, reason: 'cccdNumber' });
  });

  it('refuses a control character in any field, not only the name', () => {
    expect(parseCccd(card({ address: 'Huế\u0085' }), NOW)).toEqual({ ok: false, reason: 'controlChars' });
    expect(parseCccd(card({ old: '025\t123456' }), NOW)).toEqual({ ok: false, reason: 'controlChars' });
  });

  it('refuses exactly six fields, takes seven', () => {
    const seven = card();
    expect(parseCccd(seven.slice(0, seven.lastIndexOf('|')), NOW)).toEqual({ ok: false, reason: 'cccdFields' });
    expect(parseCccd(seven, NOW).ok).toBe(true);
  });
});

describe('parseDdMmYyyy edges', () => {
  it.each([
    ['31122000', '2000-12-31'],
    ['01012000', '2000-01-01'],
    ['31042000', null],
    ['00012000', null],
    ['01132000', null],
    ['1012000', null],
    ['010120000', null],
    ['0101200a', null],
  ])('%s → %s', (text, iso) => {
    expect(parseDdMmYyyy(text)).toBe(iso);
  });
});

describe('looksLikeCccd', () => {
  it.each([
    ['079190012345|', true],
    ['  079190012345|', true],
    ['025123456|x', true],
    ['0791900123456|', true],
    ['02512345|', false],
    ['07919001234567|', false],
    ['x079190012345|', false],
    ['079190012345', false],
  ])('%j → %s', (text, yes) => {
    expect(looksLikeCccd(text)).toBe(yes);
  });

  it('sends a card with a leading space to the card parser, not to the opaque log', () => {
    expect(parseCode(` ${card()}`, NOW)).toMatchObject({ ok: true, visitor: { kind: 'cccd' } });
  });
});

describe('CCCD parser bounds and anchors', () => {
  it('reads only a whole 8-digit date, and refuses a two-digit year the calendar would shift', () => {
    expect(parseDdMmYyyy('x01012000')).toBeNull();
    expect(parseDdMmYyyy('01010050')).toBeNull(); // Date.UTC reads year 50 as 1950
  });

  it('takes a code of exactly the maximum length and refuses a newline inside a field', () => {
    const base = card({ address: '' });
    const exact = `${base}${'x'.repeat(512 - base.length)}`;
    expect(exact).toHaveLength(512);
    expect(parseCccd(exact, NOW).ok).toBe(true);
    expect(parseCccd(`${exact}x`, NOW)).toEqual({ ok: false, reason: 'tooLong' });
    expect(parseCccd(card({ address: 'Huế\nPhường 1' }), NOW)).toEqual({ ok: false, reason: 'controlChars' });
  });
});
