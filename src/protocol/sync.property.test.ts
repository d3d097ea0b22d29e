import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkIn, pushBody } from '../../tests/support/arbitraries';
import { checkInSchema } from './checkin';
import { pushRequestSchema } from './sync';

// Property tests (#10, Fuzzing): the schemas the server runs on every push never throw, accept what a kiosk sends
// exactly as sent, and refuse the rest with issues (which the server words as a rejection reason).
describe('sync request schema', () => {
  it('never throws on any body, and every refusal names its issues', () => {
    fc.assert(
      fc.property(pushBody, (body) => {
        const batch = pushRequestSchema.safeParse(body);
        if (!batch.success) {
          expect(batch.error.issues.length).toBeGreaterThan(0);
          return;
        }
        for (const record of batch.data.records) {
          const parsed = checkInSchema.safeParse(record);
          if (!parsed.success) expect(parsed.error.issues[0]!.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1500 },
    );
  });

  it('accepts every record a kiosk makes, unchanged through JSON', () => {
    fc.assert(
      fc.property(checkIn, (record) => {
        const wire = JSON.parse(JSON.stringify(record)) as unknown;
        const parsed = checkInSchema.safeParse(wire);
        expect(parsed.success).toBe(true);
        expect(parsed.data).toEqual(record);
        expect(pushRequestSchema.safeParse({ sentAt: record.deviceTime, records: [wire] }).success).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
