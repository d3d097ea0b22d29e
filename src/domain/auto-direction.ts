import type { Direction } from '../protocol/checkin-direction';

/** A visitor's passage through a gate of the site, placed in server time (epoch ms). */
export interface Passage {
  direction: Direction;
  at: number;
}

/**
 * Start of the stretch of the local day that `now` lies in (issue #16), in the tablet's time zone: local midnight, or
 * the site's closing time once it has passed — a visit left open before it has ended, as on the server
 * (server/trace/visit-periods.ts).
 */
export function periodStart(now: number, closingMinutes: number | null): number {
  const midnight = new Date(now).setHours(0, 0, 0, 0);
  if (closingMinutes === null || closingMinutes === 0) return midnight;
  const closing = new Date(now).setHours(Math.floor(closingMinutes / 60), closingMinutes % 60, 0, 0);
  return now >= closing ? closing : midnight;
}

/** The later of two passages (the kiosk's own, and what other kiosks reported); the first wins a tie. */
export function latestPassage(a: Passage | undefined, b: Passage | undefined): Passage | undefined {
  if (!a) return b;
  if (!b) return a;
  return b.at > a.at ? b : a;
}

/**
 * The automatic direction (issue #16): OUT when the visitor's latest passage at this site went IN within the current
 * stretch of the day (they are inside), IN otherwise — first visit, already out, or in before midnight or closing.
 */
export function autoDirection(latest: Passage | undefined, since: number): Direction {
  return latest?.direction === 'in' && latest.at >= since ? 'out' : 'in';
}
