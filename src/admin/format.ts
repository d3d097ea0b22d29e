/** Today as YYYY-MM-DD in the browser's time zone (the console is used where the gates are). */
export function today(): string {
  return dateOf(new Date());
}

/** YYYY-MM-DD of a Date, local. */
export function dateOf(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The first day of this month, YYYY-MM-DD. */
export function monthStart(): string {
  const d = new Date();
  return dateOf(new Date(d.getFullYear(), d.getMonth(), 1));
}

/** An ISO instant for the start of a local day, or of the day after (`to` bounds are exclusive). */
export function dayStartIso(date: string, plusDays = 0): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(y, m - 1, d + plusDays).toISOString();
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
