import { afterEach, describe, expect, it } from 'vitest';
import { dayStartIso, daysBefore, monthStart, setDayZone, today } from './format';

describe("the console's calendar day", () => {
  afterEach(() => setDayZone('UTC'));

  it("is the server's day zone's, not the browser's: 18:00 UTC is already tomorrow in Viet Nam", () => {
    const evening = new Date('2026-11-27T18:00:00Z');
    setDayZone('Asia/Ho_Chi_Minh');
    expect(today(evening)).toBe('2026-11-28');
    setDayZone('UTC');
    expect(today(evening)).toBe('2026-11-27');
  });

  it('starts the month in that zone too', () => {
    setDayZone('Asia/Ho_Chi_Minh');
    expect(monthStart(new Date('2026-11-30T18:30:00Z'))).toBe('2026-12-01');
    expect(monthStart(new Date('2026-11-30T16:30:00Z'))).toBe('2026-11-01');
  });

  it("bounds a trace's days by the server zone's midnights, whatever the browser's zone", () => {
    setDayZone('Asia/Ho_Chi_Minh');
    expect(dayStartIso('2026-11-27')).toBe('2026-11-26T17:00:00.000Z');
    expect(dayStartIso('2026-11-27', 1)).toBe('2026-11-27T17:00:00.000Z');
    expect(dayStartIso('2026-12-31', 1)).toBe('2026-12-31T17:00:00.000Z');
    setDayZone('Europe/Berlin'); // a zone with summer time: 29 March 2026 has 23 hours
    expect(dayStartIso('2026-03-29')).toBe('2026-03-28T23:00:00.000Z');
    expect(dayStartIso('2026-03-29', 1)).toBe('2026-03-29T22:00:00.000Z');
    expect(daysBefore('2026-03-01', 1)).toBe('2026-02-28');
    expect(daysBefore('2026-01-03', 7)).toBe('2025-12-27');
  });
});
