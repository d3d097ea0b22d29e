/** Counters on screen stop here ("10000+"): counting a 200,000-record queue on every scan would slow the scan. */
export const COUNT_CAP = 10_001;

/** A count read with COUNT_CAP, as shown to the attendant. */
export function formatCount(n: number): string {
  return n >= COUNT_CAP ? `${COUNT_CAP - 1}+` : String(n);
}
