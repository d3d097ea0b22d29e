import { describe, expect, it } from 'vitest';
import { TIME_FLAGS, type CheckIn } from '../../../src/protocol';
import { batchClock, placeInTime } from './to-row';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 3);
const record = (deviceTime: number, clock?: CheckIn['clock']): CheckIn => ({
  id: '01900000-0000-7000-8000-000000000000',
  seq: 1,
  direction: 'in',
  deviceTime,
  visitor: { kind: 'manual', subject: '0912345678', name: 'Khách', phone: '0912345678' },
  ...(clock ? { clock } : {}),
});

describe('placeInTime (issue #12)', () => {
  const truth = NOW - 3_600_000;

  it("trusts a record's monotonic clock over the batch's offset", () => {
    // Scanned with the clock a day fast, sent after it was fixed: the batch offset (0) would leave it a day ahead.
    const placed = placeInTime(record(truth + DAY, { basis: 'monotonic', offsetMs: -DAY }), batchClock(NOW, NOW));
    expect(placed).toEqual({ time: truth, flag: null });
  });

  it('places records of old kiosks with the batch offset, as before', () => {
    expect(placeInTime(record(truth - 5000), batchClock(NOW, NOW - 5000))).toEqual({ time: truth, flag: null });
  });

  it('flags a stored offset the batch contradicts, and keeps the scan-time placement', () => {
    const placed = placeInTime(record(truth, { basis: 'stored', offsetMs: 0, measuredAt: truth - DAY }), batchClock(NOW, NOW + DAY));
    expect(placed).toEqual({ time: truth, flag: TIME_FLAGS.unverified });
  });

  it('flags an impossible time: after the server received it, or before the measurement it used', () => {
    const stored = { basis: 'stored', offsetMs: 0, measuredAt: NOW - 2 * DAY } as const;
    expect(placeInTime(record(NOW + DAY, stored), batchClock(NOW, NOW)).flag).toBe(TIME_FLAGS.impossible);
    expect(placeInTime(record(NOW - 3 * DAY, stored), batchClock(NOW, NOW)).flag).toBe(TIME_FLAGS.impossible);
    expect(placeInTime(record(truth, stored), batchClock(NOW, NOW)).flag).toBeNull();
  });
});
