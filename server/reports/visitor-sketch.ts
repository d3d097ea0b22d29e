/**
 * A HyperLogLog sketch of distinct visitors (issue #9): 2^12 one-byte registers (4 KB), standard error
 * 1.04/√4096 ≈ 1.6 %, with linear counting below 2.5 × 4096 (so small counts are as good as exact). Sketches
 * of the same precision merge by taking the larger register, which is what lets a year of a port be counted
 * from twelve stored month sketches instead of millions of rows.
 */
export const SKETCH_BITS = 12;
export const SKETCH_REGISTERS = 1 << SKETCH_BITS;

/** 32-bit FNV-1a over UTF-16 code units, then murmur3's finaliser for avalanche. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function emptySketch(): Uint8Array {
  return new Uint8Array(SKETCH_REGISTERS);
}

/** Adds a subject; returns whether a register grew (the stored sketch must then be written). */
export function addToSketch(sketch: Uint8Array, subject: string): boolean {
  const h = hash32(subject);
  const index = h >>> (32 - SKETCH_BITS);
  const rest = (h << SKETCH_BITS) >>> 0;
  // Rank: position of the first 1 bit in the remaining 20 bits (1-based); all zero → 21.
  const rank = rest === 0 ? 32 - SKETCH_BITS + 1 : Math.clz32(rest) + 1;
  if (rank <= sketch[index]!) return false;
  sketch[index] = rank;
  return true;
}

/** Merges `other` into `into` (register-wise max). */
export function mergeSketch(into: Uint8Array, other: Uint8Array): void {
  for (let i = 0; i < SKETCH_REGISTERS; i++) if (other[i]! > into[i]!) into[i] = other[i]!;
}

/** The estimated number of distinct subjects added. */
export function estimateSketch(sketch: Uint8Array): number {
  const m = SKETCH_REGISTERS;
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < m; i++) {
    sum += 2 ** -sketch[i]!;
    if (sketch[i] === 0) zeros++;
  }
  const alpha = 0.7213 / (1 + 1.079 / m);
  const raw = (alpha * m * m) / sum;
  if (raw <= 2.5 * m && zeros > 0) return Math.round(m * Math.log(m / zeros)); // linear counting
  // Large-range correction for a 32-bit hash.
  const two32 = 2 ** 32;
  return Math.round(raw <= two32 / 30 ? raw : -two32 * Math.log(1 - raw / two32));
}
