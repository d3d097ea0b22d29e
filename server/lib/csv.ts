import type { FastifyReply } from 'fastify';

/** A cell as text: quoted when needed; a leading = + - @ is defused so spreadsheets never run it as a formula. */
function cell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
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

/** Sends CSV (text, or a stream of lines) as a download named `filename`. */
export function sendCsv(reply: FastifyReply, filename: string, csv: string | NodeJS.ReadableStream): FastifyReply {
  return reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', `attachment; filename="${filename.replace(/[^\w.-]/g, '_')}"`)
    .header('Cache-Control', 'no-store')
    .send(csv);
}
