import { describe, expect, it } from 'vitest';
import { DuplicateWindow } from './duplicate-window';

describe('DuplicateWindow', () => {
  it('logs a code once while it stays in view, and again after it left for the window', () => {
    const w = new DuplicateWindow(3000);
    expect(w.isRepeat('A', 0)).toBe(false);
    expect(w.isRepeat('A', 100)).toBe(true);
    expect(w.isRepeat('A', 2900)).toBe(true);
    expect(w.isRepeat('A', 5800)).toBe(true); // still in view: window restarted at 2900
    expect(w.isRepeat('A', 8800)).toBe(false); // out of view for 3000 ms
  });
  it('keeps codes independent', () => {
    const w = new DuplicateWindow(3000);
    expect(w.isRepeat('A', 0)).toBe(false);
    expect(w.isRepeat('B', 10)).toBe(false);
    expect(w.isRepeat('A', 20)).toBe(true);
  });
  it('does not suppress after the clock jumps backwards', () => {
    const w = new DuplicateWindow(3000);
    w.isRepeat('A', 10_000);
    expect(w.isRepeat('A', 5_000)).toBe(false);
  });
  it('lets a forgotten code through', () => {
    const w = new DuplicateWindow(3000);
    w.isRepeat('A', 0);
    w.forget('A');
    expect(w.isRepeat('A', 1)).toBe(false);
  });
  it('keeps codes still in view when it prunes past 256 codes, and drops only those out of view', () => {
    const w = new DuplicateWindow(3000);
    for (let i = 0; i < 200; i++) w.isRepeat(`gone-${i}`, 0); // seen long ago: out of view by t = 5000
    w.isRepeat('A', 5000); // the card in front of the camera now
    for (let i = 0; i < 100; i++) w.isRepeat(`crowd-${i}`, 5000 + i); // past 256 codes: every sighting prunes
    expect(w.isRepeat('A', 5200)).toBe(true);
    expect(w.isRepeat('crowd-0', 5200)).toBe(true);
    expect(w.isRepeat('gone-0', 5200)).toBe(false); // pruned: out of view for longer than the window
  });
});
