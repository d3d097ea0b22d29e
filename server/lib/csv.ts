import type { FastifyReply } from 'fastify';

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

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * An ISO instant as local wall time in `timeZone`, `YYYY-MM-DD HH:mm:ss` (what Excel reads as a date and time).
 * A value that is no valid time (a far-future device clock, #10 item 2) is written as it is, never thrown on.
 */
export function localTimeCell(iso: string | null | undefined, timeZone: string): string {
  if (iso === null || iso === undefined) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, format);
  }
  const part = Object.fromEntries(format.formatToParts(date).map((p) => [p.type, p.value]));
  return `${part.year}-${part.month}-${part.day} ${part.hour}:${part.minute}:${part.second}`;
}

/** Sends CSV (text, or a stream of lines) as a download named `filename`. */
export function sendCsv(reply: FastifyReply, filename: string, csv: string | NodeJS.ReadableStream): FastifyReply {
  return reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
    .header('Cache-Control', 'no-store')
    .send(csv);
}
