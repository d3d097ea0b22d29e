import { atLocalMinutes, endOfDay, startOfDay } from './day-bounds';

/**
 * The stretches of a local day that a visit cannot cross (issue #16). Without a closing time, the whole day (as
 * before). With one ("giờ đóng cửa", minutes after midnight), two: [midnight, closing) and [closing, next midnight) —
 * a visit still open at closing time ends there, and a scan after closing starts a stretch of its own.
 */
export type ClosingTimes = ReadonlyMap<string, number>;

/** [start, end) of the stretch containing `ms` at a site closing `closing` minutes after midnight (null: none). */
export function periodOf(ms: number, timeZone: string, closing: number | null | undefined): readonly [number, number] {
  const start = startOfDay(ms, timeZone);
  const end = endOfDay(ms, timeZone);
  if (closing === null || closing === undefined || closing === 0) return [start, end];
  const close = atLocalMinutes(start, closing, timeZone);
  if (close <= start || close >= end) return [start, end];
  return ms < close ? [start, close] : [close, end];
}
