import { TIME_FLAGS, type CheckIn, type SitePolicy, type TimeFlag } from '../../../src/protocol';
import { applyFieldPolicy } from '../../../src/domain/field-policy';
import type { CheckinTable } from '../../db/schema';

export interface BatchClock {
  /** Server clock when the batch arrived, epoch ms. */
  receivedAt: number;
  /** receivedAt − the device's sentAt: added to each record's device time. */
  offset: number;
}

/** The batch's clock: how far the device clock is behind (positive) or ahead (negative) of ours. */
export function batchClock(receivedAt: number, sentAt: number): BatchClock {
  return { receivedAt, offset: receivedAt - sentAt };
}

/** How far two measurements of one clock may differ and still agree; and the slack of "impossible". */
export const CLOCK_TOLERANCE_MS = 60_000;

/**
 * Places a record in true time (issue #12). A record carries its own clock: from the monotonic clock of its
 * app session it is trusted as is; from an offset stored before its session it is checked against this
 * batch's offset (a disagreement means the clock changed between the measurement and this sync, at an
 * unknown moment) and kept with it, flagged. Records of old kiosks get the batch's offset, as before.
 * A time after the server received it, or before the measurement it was placed with, is flagged too —
 * flagged times are never shifted to look plausible.
 */
export function placeInTime(record: CheckIn, clock: BatchClock): { time: number; flag: TimeFlag | null } {
  const own = record.clock;
  const time = record.deviceTime + (own ? own.offsetMs : clock.offset);
  let flag: TimeFlag | null = null;
  if (own?.basis === 'stored' && Math.abs(own.offsetMs - clock.offset) > CLOCK_TOLERANCE_MS) flag = TIME_FLAGS.unverified;
  if (time > clock.receivedAt + CLOCK_TOLERANCE_MS || (own?.basis === 'stored' && time < own.measuredAt - CLOCK_TOLERANCE_MS)) {
    flag = TIME_FLAGS.impossible;
  }
  return { time, flag };
}

/** A validated record as the row we store, with the corrected time and only the kept fields. */
export function toCheckinRow(
  record: CheckIn,
  ctx: { deviceId: string; siteId: string; policy: SitePolicy; clock: BatchClock },
): CheckinTable {
  // The server enforces the site's policy even if a kiosk did not (same rule as the kiosk's).
  const kept = applyFieldPolicy(record.visitor, ctx.policy.keptFields);
  const placed = placeInTime(record, ctx.clock);
  return {
    id: record.id,
    device_id: ctx.deviceId,
    site_id: ctx.siteId,
    seq: record.seq,
    direction: record.direction,
    subject: record.visitor.subject,
    kind: record.visitor.kind,
    name: kept.name ?? null,
    visitor: JSON.stringify(kept),
    device_time: record.deviceTime,
    received_at: ctx.clock.receivedAt,
    corrected_time: placed.time,
    time_flag: placed.flag,
    outcome: record.outcome ?? null,
    watchlist_id: record.outcome ? (record.watchlistId ?? null) : null,
    direction_revision: record.directionRevision ?? 0,
  };
}
