import { describe, expect, it } from 'vitest';
import { encodeWindows1258 } from '../test-support/windows-1258';
import { decodeBytes } from './decode-bytes';
import { MAX_ROSTER_ROWS, parseRosterCsv } from './parse-roster-csv';

const utf8 = (s: string) => new TextEncoder().encode(s);
/** The English the CLI prints; the codes are checked on their own below. */
const lineAndMessage = ({ line, message }: { line: number; message: string }) => ({ line, message });
const withBom = (bytes: Uint8Array) => Uint8Array.from([0xef, 0xbb, 0xbf, ...bytes]);
const utf16le = (s: string) => Uint8Array.from([0xff, 0xfe, ...Buffer.from(s, 'utf16le')]);

const VI = 'Mã số,Họ tên,Lớp,Vai trò\r\nHS001,Nguyễn Thị Hồng Nhung,10A1,học sinh\r\nHS002,Trần Đức Việt,10A2,học sinh\r\n';
const EXPECTED = [
  { line: 2, code: 'HS001', name: 'Nguyễn Thị Hồng Nhung', group: '10A1', role: 'học sinh' },
  { line: 3, code: 'HS002', name: 'Trần Đức Việt', group: '10A2', role: 'học sinh' },
];

describe('roster CSV import: encodings', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(parseRosterCsv(utf8(VI))).toEqual({ encoding: 'utf-8', rows: EXPECTED, errors: [] });
    expect(parseRosterCsv(withBom(utf8(VI)))).toEqual({ encoding: 'utf-8', rows: EXPECTED, errors: [] });
  });
  it('reads Excel "Unicode text" (UTF-16LE with BOM, tab-separated)', () => {
    const parsed = parseRosterCsv(utf16le(VI.replace(/,/g, '\t')));
    expect(parsed).toEqual({ encoding: 'utf-16le', rows: EXPECTED, errors: [] });
  });
  it('reads Vietnamese Excel "CSV" (Windows-1258, combining tone marks) into NFC text', () => {
    const bytes = encodeWindows1258(VI);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const parsed = parseRosterCsv(bytes);
    expect(parsed).toEqual({ encoding: 'windows-1258', rows: EXPECTED, errors: [] });
    expect(parsed.rows[0]!.name).toBe('Nguyễn Thị Hồng Nhung'.normalize('NFC'));
  });
  it('normalises decomposed UTF-8 (as some Mac exports write) to NFC', () => {
    expect(decodeBytes(utf8('Nguyễn'.normalize('NFD'))).text).toBe('Nguyễn');
  });
});

describe('roster CSV import: shape', () => {
  it('sniffs ; and tab delimiters, honours sep=, and matches headers in any case or accent, in any order', () => {
    const semi = parseRosterCsv(utf8('HO TEN;MA SO;TO\nLê Văn Tám;NV-7;Tổ bảo vệ\n'));
    expect(semi.rows).toEqual([{ line: 2, code: 'NV-7', name: 'Lê Văn Tám', group: 'Tổ bảo vệ', role: '' }]);
    const tab = parseRosterCsv(utf8('code\tname\tclass\tnotes\nA1\tAn\t6B\tignored column\n'));
    expect(tab.rows).toEqual([{ line: 2, code: 'A1', name: 'An', group: '6B', role: '' }]);
    const sep = parseRosterCsv(utf8('sep=;\ncode;name\nA1;An, Bình\n'));
    expect(sep.rows).toEqual([{ line: 3, code: 'A1', name: 'An, Bình', group: '', role: '' }]);
  });
  it('reads quoted fields with "" escapes and line breaks, counting file lines', () => {
    const text = 'code,name,group\n"A,1","Nguyễn ""Bé"" An",7A\n"A2","Hai\nlines",7B\nA3,Ba,7C\n';
    const parsed = parseRosterCsv(utf8(text));
    expect(parsed.rows.map((r) => [r.line, r.code, r.name])).toEqual([
      [2, 'A,1', 'Nguyễn "Bé" An'],
      [5, 'A3', 'Ba'],
    ]);
    expect(parsed.errors.map(lineAndMessage)).toEqual([{ line: 3, message: 'name contains control characters (line breaks, tabs)' }]);
  });
  it('requires a header naming code and name', () => {
    expect(parseRosterCsv(utf8('HS001,Nguyễn An,10A1\n')).errors.map(lineAndMessage)).toEqual([
      { line: 1, message: 'header row must name the columns code and name (missing: code, name)' },
    ]);
    expect(parseRosterCsv(utf8('')).errors.map(lineAndMessage)).toEqual([{ line: 1, message: 'the file is empty' }]);
  });
  it('reports an unclosed quote at the line it opens', () => {
    expect(parseRosterCsv(utf8('code,name\nA1,An\nA2,"Bình\nA3,Ba\n')).errors.map(lineAndMessage)).toEqual([{ line: 3, message: 'a quoted field is never closed' }]);
  });
});

describe('roster CSV import: malformed rows, each with its line', () => {
  it('reports missing code, missing name, duplicates (both lines), long names, control characters, column count', () => {
    const text = [
      'code,name,group',
      'A1,An,1A',
      ',Bình,1A', // 3: missing code
      'A3,,1A', // 4: missing name
      '', // 5: blank, skipped
      'A1,An again,1B', // 6: duplicate of 2
      `A7,${'x'.repeat(121)},1A`, // 7
      'A8,Tab\there,1A', // 8
      'A9,Too,many,columns', // 9
      'A10,Ten', // 10
      'A11,Mười Một,1C', // 11: fine
    ].join('\n');
    const parsed = parseRosterCsv(utf8(text));
    expect(parsed.rows.map((r) => r.code)).toEqual(['A1', 'A11']);
    expect(parsed.errors.map(lineAndMessage)).toEqual([
      { line: 3, message: 'missing code' },
      { line: 4, message: 'missing name' },
      { line: 6, message: 'duplicate code A1 (also on line 2)' },
      { line: 7, message: 'name too long (at most 120 characters)' },
      { line: 8, message: 'name contains control characters (line breaks, tabs)' },
      { line: 9, message: 'expected 3 columns, found 4' },
      { line: 10, message: 'expected 3 columns, found 2' },
    ]);
    // The console words these itself (issue #11): a code and its parameters travel with each row.
    expect(parsed.errors.map(({ line, code, params }) => ({ line, code, params }))).toEqual([
      { line: 3, code: 'missing_code', params: undefined },
      { line: 4, code: 'missing_name', params: undefined },
      { line: 6, code: 'duplicate_code', params: { code: 'A1', otherLine: 2 } },
      { line: 7, code: 'too_long', params: { column: 'name', max: 120 } },
      { line: 8, code: 'control_characters', params: { column: 'name' } },
      { line: 9, code: 'column_count', params: { expected: 3, found: 4 } },
      { line: 10, code: 'column_count', params: { expected: 3, found: 2 } },
    ]);
  });
  it('takes up to 20,000 rows and refuses more', () => {
    const rows = (n: number) => ['code,name', ...Array.from({ length: n }, (_, i) => `C${i},Học sinh ${i}`)].join('\n');
    expect(parseRosterCsv(utf8(rows(MAX_ROSTER_ROWS))).rows).toHaveLength(MAX_ROSTER_ROWS);
    expect(parseRosterCsv(utf8(rows(MAX_ROSTER_ROWS + 1))).errors.map(lineAndMessage)).toEqual([{ line: MAX_ROSTER_ROWS + 2, message: 'a roster holds at most 20000 rows' }]);
  });
});
