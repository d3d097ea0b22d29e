/** Retry delay after `failures` consecutive failures: exponential from 5 s, capped at 10 min, with full jitter. */
export function backoffDelay(failures: number, random: () => number = Math.random): number {
  const cap = Math.min(10 * 60_000, 5_000 * 2 ** Math.max(0, failures - 1));
  return Math.round(cap / 2 + (random() * cap) / 2);
}
