import { describe, expect, it } from 'vitest';
import { autoDirection, latestPassage, periodStart } from './auto-direction';

const at = (h: number, m = 0, day = 27) => new Date(2026, 10, day, h, m).getTime();

describe('automatic direction (issue #16)', () => {
  it('is IN for a first visit and OUT for someone inside', () => {
    const since = periodStart(at(10), null);
    expect(autoDirection(undefined, since)).toBe('in');
    expect(autoDirection({ direction: 'in', at: at(8) }, since)).toBe('out');
    expect(autoDirection({ direction: 'out', at: at(9) }, since)).toBe('in');
  });

  it('starts again after midnight and after the closing time', () => {
    expect(autoDirection({ direction: 'in', at: at(23, 50, 26) }, periodStart(at(7), null))).toBe('in');
    const closing = 17 * 60 + 30;
    expect(periodStart(at(17, 29), closing)).toBe(at(0));
    expect(periodStart(at(17, 30), closing)).toBe(at(17, 30));
    expect(autoDirection({ direction: 'in', at: at(7) }, periodStart(at(17, 0), closing))).toBe('out');
    expect(autoDirection({ direction: 'in', at: at(7) }, periodStart(at(18, 0), closing))).toBe('in');
    expect(autoDirection({ direction: 'in', at: at(17, 45) }, periodStart(at(18, 0), closing))).toBe('out');
  });

  it('takes the later of the own and the other kiosks\' passages', () => {
    const own = { direction: 'in' as const, at: at(8) };
    const other = { direction: 'out' as const, at: at(9) };
    expect(latestPassage(own, other)).toBe(other);
    expect(latestPassage(other, own)).toBe(other);
    expect(latestPassage(undefined, own)).toBe(own);
    expect(autoDirection(latestPassage(own, other), periodStart(at(10), null))).toBe('in');
  });
});
