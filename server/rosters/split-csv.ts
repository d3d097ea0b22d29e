/** One CSV record and the 1-based line of the file it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export type CsvSplit = { ok: true; records: CsvRecord[] } | { ok: false; line: number };

const DELIMITERS = [',', ';', '\t'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

/** The delimiter of a file: the one of `,` `;` tab that occurs most often (outside quotes) in its first line. */
export function sniffDelimiter(firstLine: string): Delimiter {
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  let best: Delimiter = ',';
  let bestCount = 0;
  for (const d of DELIMITERS) {
    const count = unquoted.split(d).length - 1;
    if (count > bestCount) [best, bestCount] = [d, count];
  }
  return best;
}

/**
 * Splits CSV text into records (RFC 4180: quoted fields with "" escapes and line breaks inside quotes;
 * CRLF, LF or CR line ends), remembering the line each record starts on. Blank lines are skipped.
 */
export function splitCsv(text: string, delimiter: Delimiter): CsvSplit {
  const records: CsvRecord[] = [];
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let i = 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '"' && field === '') {
      // A quoted field: read to the closing quote.
      const start = line;
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, line: start }; // a quoted field is never closed
        const q = text[i]!;
        if (q === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        if (q === '\r' || q === '\n') {
          if (q === '\r' && text[i + 1] === '\n') i++;
          line++;
          field += '\n';
          i++;
          continue;
        }
        field += q;
        i++;
      }
      // Text after a closing quote (a"b"c) is kept as is, like spreadsheets do.
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      i++;
      endRecord();
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    i++;
  }
  if (field !== '' || fields.length > 0) endRecord();
  return { ok: true, records };
}
