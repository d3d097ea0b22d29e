import { describe, expect, it } from 'vitest';
import { endOfDay, startOfDay } from './day-bounds';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

describe('day bounds', () => {
  it('uses the local day in Asia/Ho_Chi_Minh (UTC+7)', () => {
    // 23:30 local on 10 March is 16:30Z; 00:30 local on 11 March is 17:30Z.
    expect(iso(startOfDay(at('2025-03-10T16:30:00Z'), 'Asia/Ho_Chi_Minh'))).toBe('2025-03-09T17:00:00.000Z');
    expect(iso(endOfDay(at('2025-03-10T16:30:00Z'), 'Asia/Ho_Chi_Minh'))).toBe('2025-03-10T17:00:00.000Z');
    expect(iso(startOfDay(at('2025-03-10T17:30:00Z'), 'Asia/Ho_Chi_Minh'))).toBe('2025-03-10T17:00:00.000Z');
    expect(iso(startOfDay(at('2025-03-10T17:00:00Z'), 'Asia/Ho_Chi_Minh'))).toBe('2025-03-10T17:00:00.000Z');
  });

  it('handles a DST day (Europe/Berlin, 23 h long on 30 March 2025)', () => {
    const noon = at('2025-03-30T10:00:00Z');
    expect(iso(startOfDay(noon, 'Europe/Berlin'))).toBe('2025-03-29T23:00:00.000Z');
    expect(iso(endOfDay(noon, 'Europe/Berlin'))).toBe('2025-03-30T22:00:00.000Z');
  });

  it('rolls over months and years', () => {
    expect(iso(endOfDay(at('2024-12-31T12:00:00Z'), 'UTC'))).toBe('2025-01-01T00:00:00.000Z');
    expect(iso(endOfDay(at('2025-02-28T12:00:00Z'), 'UTC'))).toBe('2025-03-01T00:00:00.000Z');
  });
});
