import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rosterEntrySchema } from '../../src/protocol/roster';
import { visitorSchema } from '../../src/protocol/visitor';
import { rosterCsvBytes } from '../test-support/roster-csv-arbitrary';
import { parseRosterCsv } from './parse-roster-csv';

// Property test (#10, Fuzzing): any upload gives rows the kiosks can use or errors an admin can act on; never a throw.
describe('parseRosterCsv on any upload', () => {
  it('answers rows the wire format holds, or errors that name a line of the file', () => {
    fc.assert(
      fc.property(rosterCsvBytes, (bytes) => {
        const parsed = parseRosterCsv(bytes);
        const codes = new Set<string>();
        for (const row of parsed.rows) {
          expect(rosterEntrySchema.safeParse({ ...row, version: 1 }).success, JSON.stringify(row)).toBe(true);
          // Scanning this badge at a kiosk logs a visitor the server stores (src/kiosk/check-in-desk.ts).
          const badge = { kind: 'badge', subject: row.code, name: row.name, ...(row.group ? { group: row.group } : {}) };
          expect(visitorSchema.safeParse(badge).success).toBe(true);
          expect(codes.has(row.code)).toBe(false);
          codes.add(row.code);
        }
        for (const error of parsed.errors) {
          expect(Number.isInteger(error.line) && error.line >= 1, JSON.stringify(error)).toBe(true);
          expect(error.message.length).toBeGreaterThan(0);
        }
        const lines = new Set(parsed.rows.map((r) => r.line));
        for (const error of parsed.errors) expect(lines.has(error.line)).toBe(false);
      }),
      { numRuns: 1000 },
    );
  });
});
