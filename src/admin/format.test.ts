import { afterEach, describe, expect, it } from 'vitest';
import { monthStart, setDayZone, today } from './format';

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
});
