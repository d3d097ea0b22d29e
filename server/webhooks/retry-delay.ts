/**
 * Delay before attempt `attempts + 1` after `attempts` failed ones: exponential from `baseMs`, capped at `capMs`,
 * with "full jitter" (a random delay up to that bound, at least half of it) so that endpoints coming back after an
 * outage are not hit by every queued delivery at the same second.
 */
export function retryDelay(attempts: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
  const bound = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(bound / 2 + random() * (bound / 2));
}
