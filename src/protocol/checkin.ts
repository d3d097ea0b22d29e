import { z } from 'zod';
import { visitorSchema } from './visitor';
import { DIRECTIONS } from './checkin-direction';

export { DIRECTIONS, type Direction } from './checkin-direction';

/** A kiosk corrects a record a handful of times at most; the bound keeps the column an ordinary integer. */
export const MAX_DIRECTION_REVISION = 1_000_000;

/** UUIDv7 in canonical form; time-ordered so ids sort like the device clock. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * What places a record in true time even when the device clock changes between scan and sync (issue #12):
 * `monotonic` — derived from a server answer in the same app session and carried to the scan by the
 * monotonic clock (`performance.now()`), so a clock change before or after the scan does not matter;
 * `stored` — the last offset measured before this app session, which nothing can verify; `measuredAt` is
 * the server time of that measurement (a scan placed before it, or after the sync, is impossible).
 */
export const recordClockSchema = z.discriminatedUnion('basis', [
  z.object({ basis: z.literal('monotonic'), offsetMs: z.number().int() }),
  z.object({ basis: z.literal('stored'), offsetMs: z.number().int(), measuredAt: z.number().int().nonnegative() }),
]);
export type RecordClock = z.infer<typeof recordClockSchema>;

/** Why the server does not trust a record's stored time (null on the row when it does). */
export const TIME_FLAGS = {
  /** Placed with an offset from before the app session that the batch's own offset contradicts. */
  unverified: 'clock_unverified',
  /** Placed after the server received it, or before the clock measurement it was placed with. */
  impossible: 'clock_impossible',
} as const;
export type TimeFlag = (typeof TIME_FLAGS)[keyof typeof TIME_FLAGS];

/** What a watchlist match made of a scan (issue #16). */
export const CHECKIN_OUTCOMES = ['refused', 'alert'] as const;
export type CheckinOutcome = (typeof CHECKIN_OUTCOMES)[number];

/** One visitor passing a gate, as the kiosk records it and sends it (the unit of sync). */
export const checkInSchema = z.object({
  id: z.string().regex(UUID_RE),
  /** Monotonic per device: orders records even when the device clock jumps backwards. */
  seq: z.number().int().nonnegative(),
  direction: z.enum(DIRECTIONS),
  /** Device clock, epoch ms; the server places it with `clock`, else with the batch's clock offset. */
  deviceTime: z.number().int().nonnegative(),
  visitor: visitorSchema,
  /** Absent from kiosks older than issue #12. */
  clock: recordClockSchema.optional(),
  /**
   * Issue #16: set when the visitor matched the site's watchlist. `refused` — a refused attempt, not a visit
   * (the person was turned away); `alert` — let in, and the console's live log highlights it. Absent otherwise.
   */
  outcome: z.enum(CHECKIN_OUTCOMES).optional(),
  /** The watchlist entry that matched (with `outcome`). */
  watchlistId: z.string().min(1).max(64).optional(),
  /**
   * How many times the attendant corrected this record's direction on the kiosk (issue #16; absent: never). A record
   * the server already holds is sent again with a higher revision: the server applies each revision once, in order,
   * and ignores one no higher than what it has.
   */
  directionRevision: z.number().int().min(1).max(MAX_DIRECTION_REVISION).optional(),
});
export type CheckIn = z.infer<typeof checkInSchema>;
