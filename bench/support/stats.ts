/** Percentile by nearest rank over a copy of the values (NaN when empty). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export const median = (values: number[]): number => percentile(values, 50);

/** A row of the printed table: one measured figure beside the baseline it is compared with. */
export interface BenchRow {
  part: string;
  metric: string;
  value: string;
  baseline?: string;
  /** value / baseline where both are numbers. */
  ratio?: string;
  target?: string;
  met?: boolean;
}

export const fmt = (n: number, digits = 1): string => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
export const ratio = (a: number, b: number): string => (b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(2)}×` : 'n/a');
