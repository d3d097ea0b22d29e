import { describe, expect, it } from 'vitest';
import { periodOf } from './visit-periods';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const CLOSING = 17 * 60 + 30;

describe('visit periods (issue #16)', () => {
  it('splits a day at the closing time, local wall time', () => {
    // 10:00 and 18:00 on 10 March 2025 in UTC+7.
    expect(periodOf(at('2025-03-10T03:00:00Z'), 'Asia/Ho_Chi_Minh', CLOSING).map(iso)).toEqual(['2025-03-09T17:00:00.000Z', '2025-03-10T10:30:00.000Z']);
    expect(periodOf(at('2025-03-10T11:00:00Z'), 'Asia/Ho_Chi_Minh', CLOSING).map(iso)).toEqual(['2025-03-10T10:30:00.000Z', '2025-03-10T17:00:00.000Z']);
    expect(periodOf(at('2025-03-10T10:30:00Z'), 'Asia/Ho_Chi_Minh', CLOSING)[0]).toBe(at('2025-03-10T10:30:00Z'));
  });

  it('is the whole day without a closing time', () => {
    expect(periodOf(at('2025-03-10T03:00:00Z'), 'Asia/Ho_Chi_Minh', null).map(iso)).toEqual(['2025-03-09T17:00:00.000Z', '2025-03-10T17:00:00.000Z']);
  });

  it('keeps the closing time on the wall clock across a DST change (Europe/Berlin, 30 March 2025)', () => {
    // Clocks went from 02:00 to 03:00 that morning: 17:30 local is 15:30Z (UTC+2), not 16:30Z.
    expect(iso(periodOf(at('2025-03-30T10:00:00Z'), 'Europe/Berlin', CLOSING)[1])).toBe('2025-03-30T15:30:00.000Z');
  });
});
