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

/** A time for tables: dd/mm/yyyy hh:mm (vi) or yyyy-mm-dd hh:mm (en). */
export function formatTime(value: number | string | null | undefined, lang: 'vi' | 'en'): string {
  if (value === null || value === undefined) return '';
  const d = new Date(value);
  return d.toLocaleString(lang === 'vi' ? 'vi-VN' : 'en-CA', { dateStyle: 'short', timeStyle: 'short', hour12: false });
}
