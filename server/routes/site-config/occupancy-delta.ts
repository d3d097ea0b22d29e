import { createHmac } from 'node:crypto';
import { OCCUPANCY_HASH_HEX, type OccupancyDelta } from '../../../src/protocol/site-gate';
import type { Repositories } from '../../repositories';
import { siteErasureKey } from '../../subjects/subject-keys';
import { startOfDay } from '../../trace/day-bounds';

/**
 * How far behind the server's clock a cursor is handed out: a push received before a pull may commit after it (a
 * request has 30 s, GATELOG_REQUEST_TIMEOUT). Passages inside this margin come again on the next pull (at a port's
 * busiest, ~45 entries, ~3 KB); the kiosk keeps the latest per visitor, so a repeat changes nothing. A commit later
 * still is missed by the other kiosks until that visitor passes again: one automatic direction to correct by a tap.
 */
export const LATE_COMMIT_MS = 45_000;
/** Rows read per cursor and answer: a port's busiest minutes fit; more comes with the next pull. */
export const OCCUPANCY_ROWS = 5000;

/**
 * The occupancy delta of one kiosk's pull (issue #16). From a cursor before today (a first pull, or the first of the
 * day): who is inside now, from the read side's open visits. Otherwise: the latest passage per visitor through the
 * site's other kiosks received (or corrected) since the cursor. Visitors appear as keyed hashes, never their keys.
 */
export async function occupancyDelta(
  repos: Repositories,
  device: { id: string; siteId: string },
  since: number,
  timeZone: string,
  now = Date.now(),
): Promise<OccupancyDelta> {
  const key = Buffer.from(await siteErasureKey(repos, device.siteId), 'base64url');
  const hash = (subject: string) => createHmac('sha256', key).update(subject).digest('hex').slice(0, OCCUPANCY_HASH_HEX);
  const dayStart = startOfDay(now, timeZone);
  if (since < dayStart) {
    const inside = await repos.visits.openAt(device.siteId, dayStart, now);
    return { entries: inside.map((v) => ({ h: hash(v.subject), d: 'in' as const, t: v.timeIn })), nextSince: now - LATE_COMMIT_MS };
  }
  const { passages, full } = await repos.checkins.passagesSince(device.siteId, device.id, since, dayStart, OCCUPANCY_ROWS);
  const entries = passages.map((p) => ({ h: hash(p.subject), d: p.direction, t: p.time }));
  if (!full) return { entries, nextSince: now - LATE_COMMIT_MS };
  // Cut off by the row limit: continue from the last row read (rows at that instant come again, harmlessly).
  const last = Math.max(since, ...passages.map((p) => p.receivedAt));
  return { entries, nextSince: last > since ? last : since + 1 };
}
