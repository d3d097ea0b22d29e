import { clampTime, endOfDay, startOfDay } from '../trace/day-bounds';

const HOUR = 60 * 60 * 1000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', weekday: 'short' });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The local calendar of an instant: YYYY-MM-DD, weekday (0 = Monday) and hour (0–23). */
export function localCalendar(ms: number, timeZone: string): { day: string; weekday: number; hour: number } {
  const parts: Record<string, string> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(clampTime(ms)))) parts[p.type] = p.value;
  return {
    day: `${parts.year}-${parts.month}-${parts.day}`,
    weekday: Math.max(0, WEEKDAYS.indexOf(parts.weekday ?? 'Mon')),
    hour: Number(parts.hour ?? 0) % 24,
  };
}

/** The instant a local day (YYYY-MM-DD) starts in the zone. */
export function localDayStart(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const noonUtc = Date.UTC(y, m - 1, d, 12);
  // Zone offsets lie within −12 h … +14 h, so one of these instants falls on that local day.
  for (const shift of [0, -12 * HOUR, 11 * HOUR]) {
    if (localCalendar(noonUtc + shift, timeZone).day === date) return startOfDay(noonUtc + shift, timeZone);
  }
  return startOfDay(noonUtc, timeZone);
}

/** [start of `from`, end of `to`) for a period of local days, inclusive. */
export function localPeriod(from: string, to: string, timeZone: string): { from: number; to: number } {
  return { from: localDayStart(from, timeZone), to: endOfDay(localDayStart(to, timeZone), timeZone) };
}

/** Every local day of a period, in order. */
export function daysOf(period: { from: number; to: number }, timeZone: string): string[] {
  const days: string[] = [];
  for (let t = period.from; t < period.to; t = endOfDay(t, timeZone)) days.push(localCalendar(t, timeZone).day);
  return days;
}

const QUARTER_HOUR = 15 * 60_000;
const hourCache = new Map<string, Map<number, { day: string; hour: number }>>();

/**
 * The local day and hour of an instant, cached per quarter hour of UTC (ingest asks this for every record).
 * A bucket is cached only when both its ends agree, so a zone with an odd offset is still answered exactly.
 */
export function localDayHour(ms: number, timeZone: string): { day: string; hour: number } {
  let cache = hourCache.get(timeZone);
  if (!cache) hourCache.set(timeZone, (cache = new Map()));
  const bucket = Math.floor(clampTime(ms) / QUARTER_HOUR);
  const hit = cache.get(bucket);
  if (hit) return hit;
  const { day, hour } = localCalendar(ms, timeZone);
  const end = localCalendar(bucket * QUARTER_HOUR + QUARTER_HOUR - 1, timeZone);
  const start = localCalendar(bucket * QUARTER_HOUR, timeZone);
  if (start.day === end.day && start.hour === end.hour) {
    if (cache.size >= 100_000) cache.clear();
    cache.set(bucket, { day, hour });
  }
  return { day, hour };
}

/** Weekday of a local date YYYY-MM-DD, 0 = Monday … 6 = Sunday. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
}
