import { clampTime } from '../trace/day-bounds';

/** ISO text of any stored time: a far-future or corrupt value is clamped, never a RangeError (issue #10). */
export const isoTime = (ms: number): string => new Date(clampTime(ms)).toISOString();
