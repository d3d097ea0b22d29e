import type { Direction, VisitorKind } from '../../src/protocol';
import type { WebhookEvent } from '../../src/protocol/webhooks';
import type { CheckinTable } from '../db/schema';
import { isoTime } from '../lib/iso-time';

/**
 * Stored check-in rows as webhook events: a visit is a `checkin`; a watchlist match is also a `watchlist_hit`
 * (its entry and action), and a refused attempt is a `refused` instead of a `checkin` (nobody came in).
 * The rows already hold only what the site's field policy keeps, so `name` is there only when the site keeps
 * names (and never for an erased person); nothing else personal is sent — no ID number, phone, address,
 * birth date, nor the visitor's key (`subject`).
 */
export function gateEvents(rows: readonly CheckinTable[]): WebhookEvent[] {
  const events: WebhookEvent[] = [];
  for (const r of rows) {
    const gate = { id: r.id, siteId: r.site_id, deviceId: r.device_id, time: isoTime(Number(r.corrected_time)) };
    const entry = r.watchlist_id ? { watchlistEntryId: r.watchlist_id } : {};
    if (r.outcome === 'refused') events.push({ type: 'refused', ...gate, reason: 'watchlist', ...entry });
    else events.push({ type: 'checkin', ...gate, direction: r.direction as Direction, kind: r.kind as VisitorKind, ...(r.name !== null ? { name: r.name } : {}) });
    if ((r.outcome === 'refused' || r.outcome === 'alert') && r.watchlist_id) {
      events.push({ type: 'watchlist_hit', ...gate, watchlistEntryId: r.watchlist_id, action: r.outcome === 'refused' ? 'refuse' : 'alert' });
    }
  }
  return events;
}
