/**
 * Splits rows into chunks of `max`, then the remainder into powers of two (64, 32, …, 1): a multi-row INSERT's
 * SQL text then takes one of a few shapes, so the prepared-statement cache (connect.ts) serves it.
 */
export function shapedChunks<T>(rows: readonly T[], max: number): T[][] {
  const out: T[][] = [];
  let i = 0;
  for (let size = max; size >= 1; size = size >> 1) {
    while (rows.length - i >= size) {
      out.push(rows.slice(i, i + size));
      i += size;
    }
  }
  return out;
}

/** An IN list padded to a power of two by repeating its last value (same meaning, few SQL shapes). */
export function shapedList<T>(values: readonly T[]): T[] {
  if (values.length === 0) return [];
  let size = 1;
  while (size < values.length) size <<= 1;
  const out = [...values];
  while (out.length < size) out.push(values[values.length - 1]!);
  return out;
}
