import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shapedChunks, shapedList } from './chunks';

describe('statement shapes', () => {
  it('chunks keep every row once, in order, in at most log2(max)+1 sizes', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 3000 }), fc.constantFrom(1, 7, 64, 1024), (rows, max) => {
        const chunks = shapedChunks(rows, max);
        expect(chunks.flat()).toEqual(rows);
        for (const c of chunks) expect(c.length).toBeGreaterThan(0);
        expect(chunks.every((c) => c.length <= max)).toBe(true);
        const sizes = new Set(chunks.map((c) => c.length));
        expect(sizes.size).toBeLessThanOrEqual(Math.floor(Math.log2(max)) + 1);
      }),
    );
  });

  it('pads an IN list to a power of two with values it already holds', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { minLength: 1, maxLength: 600 }), (values) => {
        const padded = shapedList(values);
        expect(padded.length & (padded.length - 1)).toBe(0);
        expect(padded.length).toBeLessThan(values.length * 2);
        expect(new Set(padded)).toEqual(new Set(values));
      }),
    );
  });
});
