/** Day boundaries in a time zone (the site's "end of day" for open visits), DST-safe, no dependencies. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** Local wall-clock parts of an instant in `timeZone` (one cached formatter per zone). */
export function localParts(ms: number, timeZone: string): LocalParts {
  const out: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(ms))) {
    if (p.type !== 'literal') out[p.type] = Number(p.value);
  }
  return {
    year: out.year ?? 1970,
    month: out.month ?? 1,
    day: out.day ?? 1,
    hour: out.hour ?? 0,
    minute: out.minute ?? 0,
    second: out.second ?? 0,
  };
}

/** How far local wall-clock time is ahead of UTC at instant `ms`, in ms. */
function offsetAt(ms: number, timeZone: string): number {
  const p = localParts(ms, timeZone);
  const wallAsUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wallAsUtc - (ms - (((ms % 1000) + 1000) % 1000));
}

/** The instant of local midnight of (year, month, day + addDays) in the zone. */
function localMidnight(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  let guess = wall - offsetAt(wall, timeZone);
  guess = wall - offsetAt(guess, timeZone); // second pass settles DST transitions
  return guess;
}

/** The largest |ms| whose day (and the next) a Date can still hold: stored times are clamped to it (issue #10). */
export const MAX_TIME = 8.64e15 - 2 * 86_400_000;

/** Any stored value as an instant a Date can format: readers must tolerate whatever the database holds. */
export function clampTime(ms: number): number {
  if (Number.isNaN(ms)) return 0;
  return Math.min(MAX_TIME, Math.max(-MAX_TIME, ms));
}

const QUARTER_HOUR = 15 * 60_000;
const MAX_CACHED = 100_000;
/** Per zone: quarter-hour bucket → [start, end) of the local day computed there (Intl is ~µs per call). */
const dayCache = new Map<string, Map<number, readonly [number, number]>>();

function dayBounds(ms: number, timeZone: string): readonly [number, number] {
  const t = clampTime(ms);
  let cache = dayCache.get(timeZone);
  if (!cache) dayCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(t / QUARTER_HOUR);
  const hit = cache.get(bucket);
  // A hit is used only when the instant lies inside it, so an odd historical offset can never be misread.
  if (hit && hit[0] <= t && t < hit[1]) return hit;
  const p = localParts(t, timeZone);
  const bounds = [localMidnight(p.year, p.month, p.day, timeZone), localMidnight(p.year, p.month, p.day + 1, timeZone)] as const;
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(bucket, bounds);
  return bounds;
}

/** Start (inclusive) of the local day containing `ms`. */
export function startOfDay(ms: number, timeZone: string): number {
  return dayBounds(ms, timeZone)[0];
}

/** End (exclusive) of the local day containing `ms`: the next local midnight. */
export function endOfDay(ms: number, timeZone: string): number {
  return dayBounds(ms, timeZone)[1];
}

/**
 * The instant of local wall time `minutes` after midnight on the local day starting at `dayStart` (issue #16: a
 * site's closing time). Measured from midnight by the zone's offset at that time, so a DST change before it counts.
 */
export function atLocalMinutes(dayStart: number, minutes: number, timeZone: string): number {
  const guess = dayStart + minutes * 60_000;
  return guess - (offsetAt(guess, timeZone) - offsetAt(dayStart, timeZone));
}
