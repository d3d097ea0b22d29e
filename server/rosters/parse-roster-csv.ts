import type { RosterImportError } from '../../src/protocol/roster-import';
import type { ErrorParams, RosterErrorCode } from '../../src/protocol/errors';
import { decodeBytes, type DetectedEncoding } from './decode-bytes';
import { sniffDelimiter, splitCsv } from './split-csv';

export const MAX_ROSTER_ROWS = 20_000;
/** Limits of the wire format (src/protocol/roster.ts rosterEntrySchema). */
const MAX = { code: 128, name: 120, group: 60, role: 30 } as const;

/** One valid roster row and the line of the file it came from. */
export interface RosterRow {
  line: number;
  code: string;
  name: string;
  group: string;
  role: string;
}

export type RosterError = RosterImportError;

/** The CLI's English for a row error; the console words `code` + `params` itself (src/i18n/api-errors.ts). */
const ENGLISH: Record<RosterErrorCode, (p: ErrorParams) => string> = {
  empty_file: () => 'the file is empty',
  missing_columns: (p) => `header row must name the columns code and name (missing: ${p.missing})`,
  too_many_rows: (p) => `a roster holds at most ${p.max} rows`,
  column_count: (p) => `expected ${p.expected} columns, found ${p.found}`,
  control_characters: (p) => `${p.column} contains control characters (line breaks, tabs)`,
  missing_code: () => 'missing code',
  missing_name: () => 'missing name',
  too_long: (p) => `${p.column} too long (at most ${p.max} characters)`,
  duplicate_code: (p) => `duplicate code ${p.code} (also on line ${p.otherLine})`,
  unclosed_quote: () => 'a quoted field is never closed',
};

/** A row error with its code, parameters and English message. */
function rosterError(line: number, code: RosterErrorCode, params?: ErrorParams): RosterError {
  return { line, code, ...(params ? { params } : {}), message: ENGLISH[code](params ?? {}) };
}

export interface ParsedRoster {
  encoding: DetectedEncoding;
  rows: RosterRow[];
  errors: RosterError[];
}

type Column = keyof typeof MAX;

/** Header titles we recognise, compared without case or accents, in English and Vietnamese. */
const HEADER_ALIASES: Record<Column, readonly string[]> = {
  code: ['code', 'ma', 'ma so', 'ma the', 'ma hoc sinh', 'badge', 'id'],
  name: ['name', 'full name', 'ho ten', 'ho va ten', 'ten'],
  group: ['group', 'class', 'lop', 'to', 'nhom', 'bo phan', 'department'],
  role: ['role', 'vai tro', 'chuc vu'],
};

// eslint-disable-next-line no-control-regex
const CONTROL_RE = /[\u0000-\u001f\u007f-\u009f]/;

/** "Mã số " → "ma so": lower case, no accents (đ too), single spaces. */
export function foldHeader(title: string): string {
  return title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/đ/gi, 'd')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

function columnOf(title: string): Column | undefined {
  const folded = foldHeader(title);
  return (Object.keys(HEADER_ALIASES) as Column[]).find((c) => HEADER_ALIASES[c].includes(folded));
}

/**
 * Parses an uploaded roster file (bytes as sent) into rows, reporting each malformed row with its 1-based
 * line in the file. Pure: applying the result is the repository's job (issue #6).
 */
export function parseRosterCsv(bytes: Uint8Array): ParsedRoster {
  const { text, encoding } = decodeBytes(bytes);
  const fail = (line: number, code: RosterErrorCode, params?: ErrorParams): ParsedRoster => ({ encoding, rows: [], errors: [rosterError(line, code, params)] });

  // Excel's own "sep=;" first line names the delimiter.
  const sepLine = /^sep=([,;\t])\r?\n?/i.exec(text);
  const body = sepLine ? text.slice(sepLine[0].length) : text;
  const lineOffset = sepLine ? 1 : 0;
  const firstLine = body.split(/\r\n|\r|\n/, 1)[0] ?? '';
  const delimiter = (sepLine?.[1] as ',' | ';' | '\t' | undefined) ?? sniffDelimiter(firstLine);
  const split = splitCsv(body, delimiter);
  if (!split.ok) return fail(split.line + lineOffset, 'unclosed_quote');
  const [header, ...records] = split.records;
  if (!header) return fail(1, 'empty_file');

  const columns = header.fields.map(columnOf);
  const missing = (['code', 'name'] as const).filter((c) => !columns.includes(c));
  if (missing.length) {
    return fail(header.line + lineOffset, 'missing_columns', { missing: missing.join(', ') });
  }
  if (records.length > MAX_ROSTER_ROWS) {
    return fail(records[MAX_ROSTER_ROWS]!.line + lineOffset, 'too_many_rows', { max: MAX_ROSTER_ROWS });
  }

  const rows: RosterRow[] = [];
  const errors: RosterError[] = [];
  const lineOfCode = new Map<string, number>();
  for (const record of records) {
    const line = record.line + lineOffset;
    const error = (code: RosterErrorCode, params?: ErrorParams) => errors.push(rosterError(line, code, params));
    if (record.fields.length !== columns.length) {
      error('column_count', { expected: columns.length, found: record.fields.length });
      continue;
    }
    const value = { code: '', name: '', group: '', role: '' };
    record.fields.forEach((f, i) => {
      const c = columns[i];
      if (c) value[c] = f.trim().replace(/ {2,}/g, ' ');
    });
    const bad = (Object.keys(value) as Column[]).find((c) => CONTROL_RE.test(value[c]));
    if (bad) {
      error('control_characters', { column: bad });
      continue;
    }
    if (!value.code) {
      error('missing_code');
      continue;
    }
    if (!value.name) {
      error('missing_name');
      continue;
    }
    const tooLong = (Object.keys(value) as Column[]).find((c) => value[c].length > MAX[c]);
    if (tooLong) {
      error('too_long', { column: tooLong, max: MAX[tooLong] });
      continue;
    }
    const earlier = lineOfCode.get(value.code);
    if (earlier !== undefined) {
      error('duplicate_code', { code: value.code, otherLine: earlier });
      continue;
    }
    lineOfCode.set(value.code, line);
    rows.push({ line, ...value });
  }
  return { encoding, rows, errors };
}
