import { describe, expect, it } from 'vitest';
import { addToSketch, emptySketch, estimateSketch, mergeSketch } from './visitor-sketch';

const ids = (from: number, n: number) => Array.from({ length: n }, (_, i) => `0510${String(from + i).padStart(8, '0')}`);

describe('visitor sketch (HyperLogLog)', () => {
  it('counts tiny sets exactly, small ones within 1 %, large ones within 4 % (2.5 standard errors)', () => {
    for (const n of [0, 1, 3, 17]) {
      const s = emptySketch();
      for (const id of ids(0, n)) addToSketch(s, id);
      expect(estimateSketch(s)).toBe(n);
    }
    const small = emptySketch();
    for (const id of ids(0, 250)) addToSketch(small, id);
    expect(Math.abs(estimateSketch(small) - 250)).toBeLessThanOrEqual(2);
    for (const n of [20_000, 300_000, 2_000_000]) {
      const s = emptySketch();
      for (const id of ids(7_000_000, n)) addToSketch(s, id);
      expect(Math.abs(estimateSketch(s) - n) / n).toBeLessThan(0.04);
    }
  });

  it('ignores repeats and merges like a union', () => {
    const a = emptySketch();
    const b = emptySketch();
    for (const id of ids(0, 60_000)) addToSketch(a, id);
    for (const id of ids(30_000, 60_000)) addToSketch(b, id);
    expect(addToSketch(a, ids(0, 1)[0]!)).toBe(false);
    mergeSketch(a, b);
    expect(Math.abs(estimateSketch(a) - 90_000) / 90_000).toBeLessThan(0.04);
  });
});
