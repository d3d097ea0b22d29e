import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cccdText, damaged, manualEntryInput, passText, qrPayload, signedPassText } from '../../tests/support/arbitraries';
import { en } from '../i18n/en';
import { vi } from '../i18n/vi';

const MESSAGES = { vi, en };
import { checkInSchema } from '../protocol/checkin';
import { visitorSchema } from '../protocol/visitor';
import { parseCccd } from './cccd';
import { visitorFromManualEntry } from './manual-entry';
import { parseOpaque } from './opaque';
import { parsePass } from './pass';
import { parseCode } from './parse-code';
import type { ParseResult } from './parse-result';

// Property tests (#10, Fuzzing): whatever a camera decodes or an attendant types, a parser answers with a visitor the
// server will store, or a rejection the kiosk can word — it never throws. `npm run fuzz` runs the same inputs 1M times.
const RUNS = { numRuns: 1500 };
const NOW = new Date('2026-01-01T00:00:00Z');

/** The kiosk's own rule for a result: a storable visitor, or a reason with a sentence in both languages. */
function assertReasoned(result: ParseResult): void {
  if (result.ok) {
    expect(visitorSchema.safeParse(result.visitor).success, JSON.stringify(result.visitor)).toBe(true);
    const record = { id: '0190f5a0-0000-7000-8000-000000000000', seq: 1, direction: 'in', deviceTime: NOW.getTime(), visitor: result.visitor };
    expect(checkInSchema.safeParse(JSON.parse(JSON.stringify(record))).success).toBe(true);
  } else {
    expect(MESSAGES.vi[`reason_${result.reason}` as keyof typeof MESSAGES.vi], result.reason).toBeTruthy();
    expect(MESSAGES.en[`reason_${result.reason}` as keyof typeof MESSAGES.en], result.reason).toBeTruthy();
  }
}

describe('QR parsers never throw: a visitor or a reasoned rejection', () => {
  it('parseCode, on any payload', () => {
    fc.assert(fc.property(qrPayload, (text) => assertReasoned(parseCode(text, NOW))), RUNS);
  });

  it('each parser alone, on any payload (not only what the dispatcher sends it)', () => {
    fc.assert(
      fc.property(qrPayload, (text) => {
        assertReasoned(parseCccd(text, NOW));
        assertReasoned(parsePass(text));
        assertReasoned(parseOpaque(text));
      }),
      RUNS,
    );
  });

  it('accepts every well-formed CCCD, pass and signed pass, keyed by ID number or pass id', () => {
    fc.assert(
      fc.property(cccdText, (text) => {
        const r = parseCode(text, NOW);
        expect(r).toMatchObject({ ok: true, visitor: { kind: 'cccd', subject: text.slice(0, 12) } });
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.oneof(passText, signedPassText), (text) => {
        const r = parseCode(text, NOW);
        expect(r).toMatchObject({ ok: true, visitor: { kind: 'pass', subject: text.split('|')[1] } });
      }),
      RUNS,
    );
  });

  it('never logs a damaged pass under its pass id unless the check value still holds', () => {
    fc.assert(
      fc.property(damaged(passText), (text) => {
        const r = parseCode(text, NOW);
        if (r.ok && r.visitor.kind === 'pass') expect(parsePass(text).ok).toBe(true);
        if (text.startsWith('GLP1|') && r.ok) expect(r.visitor.kind).toBe('pass');
      }),
      RUNS,
    );
  });
});

describe('manual entry never throws: a visitor or a worded error', () => {
  it('on any name and contact', () => {
    fc.assert(
      fc.property(manualEntryInput, ({ name, contact }) => {
        const result = visitorFromManualEntry(name, contact);
        if (typeof result === 'string') {
          expect(MESSAGES.vi[`manual_${result}` as keyof typeof MESSAGES.vi], result).toBeTruthy();
          expect(MESSAGES.en[`manual_${result}` as keyof typeof MESSAGES.en], result).toBeTruthy();
        } else {
          expect(visitorSchema.safeParse(result).success, JSON.stringify(result)).toBe(true);
          expect(result.kind).toBe('manual');
        }
      }),
      RUNS,
    );
  });
});
