import type { FastifyReply } from 'fastify';
import { localParts } from '../trace/day-bounds';

/**
 * Cells a spreadsheet would run as a formula: = + - @ or a tab/CR first, also after leading spaces (Excel and
 * LibreOffice skip them), e.g. the unit report's indented org names (#10 item 12).
 */
const FORMULA_START = /^\s*[=+\-@\t\r]/;

/** A cell as text: quoted when needed; a formula-like string is defused with a leading apostrophe. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV line with its CRLF (for streamed exports; start the stream with CSV_BOM). */
export function csvLine(row: ReadonlyArray<string | number | null | undefined>): string {
  return `${row.map(cell).join(',')}\r\n`;
}

/** Excel reads Vietnamese correctly only with a UTF-8 BOM. */
export const CSV_BOM = '\uFEFF';

/** CSV text with a UTF-8 BOM (so Excel reads Vietnamese correctly) and CRLF line ends. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null | undefined>>): string {
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/**
 * An ISO instant as local wall time in `timeZone`, `YYYY-MM-DD HH:mm:ss` (what Excel reads as a date and time).
 * A value that is no valid time (a far-future device clock, #10 item 2) is written as it is, never thrown on.
 */
export function localTimeCell(iso: string | null | undefined, timeZone: string): string {
  if (iso === null || iso === undefined) return '';
  const ms = new Date(iso).getTime();
  if (Number.isNaN(ms)) return iso;
  const p = localParts(ms, timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${String(p.year).padStart(4, '0')}-${two(p.month)}-${two(p.day)} ${two(p.hour)}:${two(p.minute)}:${two(p.second)}`;
}

/** Sends CSV (text, or a stream of lines) as a download named `filename`. */
export function sendCsv(reply: FastifyReply, filename: string, csv: string | NodeJS.ReadableStream): FastifyReply {
  return reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
    .header('Cache-Control', 'no-store')
    .send(csv);
}
