import type { CheckIn, SitePolicy } from '../../../src/protocol';
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

/** A validated record as the row we store, with the corrected time and only the kept fields. */
export function toCheckinRow(
  record: CheckIn,
  ctx: { deviceId: string; siteId: string; policy: SitePolicy; clock: BatchClock },
): CheckinTable {
  // The server enforces the site's policy even if a kiosk did not (same rule as the kiosk's).
  const kept = applyFieldPolicy(record.visitor, ctx.policy.keptFields);
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
    corrected_time: record.deviceTime + ctx.clock.offset,
  };
}
