import fc from 'fast-check';
import { anyText, vietnameseName } from '../../tests/support/arbitraries';
import { encodeWindows1258 } from './windows-1258';

// Roster files as Excel and people make them (#10, Fuzzing): any header spelling, delimiter, quoting, line end and
// encoding, rows with missing, long, duplicated or hostile cells — and raw bytes that are no CSV at all.

const HEADERS = {
  code: ['code', 'Mã', 'Mã số', 'MÃ HỌC SINH', 'badge', 'id'],
  name: ['name', 'Họ tên', 'Họ và tên', 'full_name'],
  group: ['Lớp', 'class', 'Tổ', 'department'],
  role: ['role', 'Vai trò'],
  other: ['Ghi chú', 'note', ''],
};

const cell = fc.oneof(
  { weight: 4, arbitrary: vietnameseName },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('HS', 'GV', ''), fc.nat({ max: 99_999 })).map(([p, n]) => `${p}${n}`) },
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '"', '""', 'a"b', 'x,y', 'x;y', 'a\tb', 'line\nbreak', '\u0000', '=1+1', 'x'.repeat(130)) },
  { weight: 1, arbitrary: anyText(20) },
);

/** Quotes a cell when it needs it (or at random), as spreadsheets do. */
function quote(value: string, delimiter: string, always: boolean): string {
  return always || /["\r\n]/.test(value) || value.includes(delimiter) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** A roster upload's bytes. */
export const rosterCsvBytes: fc.Arbitrary<Uint8Array> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .record({
        // Mostly a usable header (code and name in any order, maybe more columns), sometimes not.
        columns: fc.oneof(
          { weight: 6, arbitrary: fc.shuffledSubarray(['group', 'role', 'other'] as const).chain((extra) => fc.shuffledSubarray(['code', 'name', ...extra] as const, { minLength: extra.length + 2, maxLength: extra.length + 2 })) },
          { weight: 1, arbitrary: fc.shuffledSubarray(['code', 'name', 'group', 'role', 'other'] as const, { minLength: 1 }) },
        ),
        headerPick: fc.nat(),
        rows: fc.array(fc.tuple(fc.array(cell, { minLength: 6, maxLength: 6 }), fc.nat({ max: 15 })), { maxLength: 12 }),
        delimiter: fc.constantFrom(',', ';', '\t'),
        eol: fc.constantFrom('\r\n', '\n', '\r'),
        quoteAll: fc.boolean(),
        brokenQuote: fc.oneof({ weight: 9, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
        sepLine: fc.boolean(),
        encoding: fc.constantFrom('utf-8', 'utf-8-bom', 'utf-16le', 'windows-1258'),
      })
      .map(({ columns, headerPick, rows, delimiter, eol, quoteAll, brokenQuote, sepLine, encoding }) => {
        const header = columns.map((c, i) => HEADERS[c][(headerPick + i) % HEADERS[c].length]!);
        // Rows have the header's width, except now and then one cell more or less.
        const body = rows.map(([cells, odd]) => cells.slice(0, columns.length + (odd === 0 ? 1 : odd === 1 ? -1 : 0)));
        const lines = [header, ...body].map((r) => r.map((v) => quote(v, delimiter, quoteAll)).join(delimiter));
        if (brokenQuote !== null && lines.length > 1) lines[1 + (brokenQuote % (lines.length - 1))] += `${delimiter}"unclosed`;
        const text = `${sepLine ? `sep=${delimiter}${eol}` : ''}${lines.join(eol)}${eol}`;
        if (encoding === 'utf-8') return new TextEncoder().encode(text);
        if (encoding === 'utf-8-bom') return new TextEncoder().encode(`\uFEFF${text}`);
        if (encoding === 'windows-1258') {
          try {
            return encodeWindows1258(text);
          } catch {
            return new TextEncoder().encode(text); // a character 1258 cannot hold: Excel would have saved UTF-8
          }
        }
        const out = new Uint8Array(2 + text.length * 2);
        out.set([0xff, 0xfe]);
        for (let i = 0; i < text.length; i++) {
          out[2 + i * 2] = text.charCodeAt(i) & 0xff;
          out[3 + i * 2] = text.charCodeAt(i) >> 8;
        }
        return out;
      }),
  },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 400 }) },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom([0xef, 0xbb, 0xbf], [0xff, 0xfe], [0xfe, 0xff]), fc.uint8Array({ maxLength: 200 })).map(([bom, rest]) => Uint8Array.from([...bom, ...rest])) },
);
