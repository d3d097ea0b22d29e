import type { FastifyInstance } from 'fastify';
import type { CheckinOutcome } from '../../src/protocol/checkin';

/** A watchlist match a kiosk reported and the server has just stored (issue #16). */
export interface WatchlistEvent {
  /** The stored check-in (a refused attempt or an alerted visit). */
  checkinId: string;
  siteId: string;
  deviceId: string;
  outcome: CheckinOutcome;
  /** The entry that matched (null when an older kiosk sent no id). */
  watchlistId: string | null;
  /** Corrected time of the scan, epoch ms. */
  at: number;
}

/**
 * THE server-side handler of refused attempts and watchlist alerts, called once per push batch after its
 * records are committed, with only the records that were new (a resent batch calls it with nothing). It never
 * throws: the records are stored and acknowledged whatever a follower does. Webhooks (`refused`,
 * `watchlist_hit`) are not sent from here but enqueued in the insert's own transaction
 * (server/webhooks/gate-events.ts), so a crash after the commit cannot lose them.
 */
export async function onWatchlistEvents(app: FastifyInstance, events: readonly WatchlistEvent[]): Promise<void> {
  if (events.length === 0) return;
  try {
    await app.repos.watchlist.recordHits(events.filter((e) => e.watchlistId !== null).map((e) => ({ id: e.watchlistId!, at: e.at })));
    // Counts and ids only: who it was stays out of the server log.
    app.log.info(
      { refused: events.filter((e) => e.outcome === 'refused').length, alerts: events.filter((e) => e.outcome === 'alert').length, siteId: events[0]!.siteId },
      'watchlist matches stored',
    );
  } catch (err) {
    app.log.warn({ code: (err as { code?: string }).code ?? null }, 'watchlist follow-up failed');
  }
}
