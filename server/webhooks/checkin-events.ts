import type { Direction, VisitorKind } from '../../src/protocol';
import type { CheckinEvent } from '../../src/protocol/webhooks';
import type { CheckinTable } from '../db/schema';
import { isoTime } from '../lib/iso-time';

/**
 * Stored check-in rows as `checkin` webhook events. The rows already hold only what the site's field policy
 * keeps, so `name` is there only when the site keeps names (and never for an erased person); nothing else
 * personal is sent — no ID number, phone, address, birth date, nor the visitor's key (`subject`).
 */
export function checkinEvents(rows: readonly CheckinTable[]): CheckinEvent[] {
  return rows.map((r) => ({
    type: 'checkin',
    id: r.id,
    siteId: r.site_id,
    deviceId: r.device_id,
    time: isoTime(Number(r.corrected_time)),
    direction: r.direction as Direction,
    kind: r.kind as VisitorKind,
    ...(r.name !== null ? { name: r.name } : {}),
  }));
}
