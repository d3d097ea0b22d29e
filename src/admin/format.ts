/**
 * The zone the server reads calendar days in (its GATELOG_TZ), told at sign-in. A day the console asks for is that
 * zone's: with the browser's own, an admin's "today" from another zone (or a UTC machine after 17:00) was the
 * server's yesterday, and the live log showed nothing of the day's visits.
 */
let dayZone: string | undefined;

export function setDayZone(zone: string): void {
  dayZone = zone;
}

/** `zone`'s wall clock at `instant`, field by field. */
function wallClock(zone: string, instant: Date | number): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en', { timeZone: zone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((p) => [p.type, Number(p.value)]),
  );
  return { year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!, minute: parts.minute!, second: parts.second! };
}

/** Today as YYYY-MM-DD in the server's day zone (the browser's until the session says it). */
export function today(now = new Date()): string {
  if (!dayZone) return dateOf(now);
  const { year, month, day } = wallClock(dayZone, now);
  return `${year}-${two(month)}-${two(day)}`;
}

/** YYYY-MM-DD of a Date, local. */
export function dateOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The first day of this month in the server's day zone, YYYY-MM-DD. */
export function monthStart(now = new Date()): string {
  return `${today(now).slice(0, 7)}-01`;
}

/** The calendar day `days` before `date` (YYYY-MM-DD), as YYYY-MM-DD. */
export function daysBefore(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d - days)).toISOString().slice(0, 10);
}

/** How far `zone`'s wall clock is ahead of UTC at `instant`, ms. */
function zoneOffsetMs(zone: string, instant: number): number {
  const w = wallClock(zone, instant);
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - Math.floor(instant / 1000) * 1000;
}

/**
 * The ISO instant a calendar day starts in the server's day zone, or the day after's (`to` bounds are exclusive):
 * a trace from an admin's browser in another zone asks for the same days the server counts (the browser's own
 * zone until the session says the server's).
 */
export function dayStartIso(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  if (!dayZone) return new Date(y, m - 1, d + plusDays).toISOString();
  const wall = Date.UTC(y, m - 1, d + plusDays);
  // Midnight's offset is taken at midnight itself (twice, so a zone that changes its clock that day lands right).
  const first = wall - zoneOffsetMs(dayZone, wall);
  return new Date(wall - zoneOffsetMs(dayZone, first)).toISOString();
}

const two = (n: number) => String(n).padStart(2, '0');

/**
 * A calendar day as people write it: dd/mm/yyyy in Vietnamese, yyyy-mm-dd in English. Built by hand because
 * Intl's short Vietnamese date has a two-digit year (27/11/26).
 */
export function formatDay(value: string | null | undefined, lang: 'vi' | 'en'): string {
  if (!value) return '';
  const [y, m, d] = value.slice(0, 10).split('-');
  return lang === 'vi' ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
}

/** A day on a chart axis: dd/mm (vi) or mm-dd (en). */
export function formatDayShort(value: string, lang: 'vi' | 'en'): string {
  const [, m, d] = value.slice(0, 10).split('-');
  return lang === 'vi' ? `${d}/${m}` : `${m}-${d}`;
}

/** hh:mm:ss, 24-hour, local ("cập nhật lúc 14:03:07"). */
export function formatClock(value: number | Date): string {
  const d = new Date(value);
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

/** A time for tables: dd/mm/yyyy hh:mm (vi) or yyyy-mm-dd hh:mm (en), local. */
export function formatTime(value: number | string | null | undefined, lang: 'vi' | 'en'): string {
  if (value === null || value === undefined) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return '';
  return `${formatDay(dateOf(d), lang)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
