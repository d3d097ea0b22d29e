import { WATCHLIST_SYNC_PATH, kioskWatchlistSchema } from '../protocol/watchlist-sync';
import type { GatelogDb } from '../db/gatelog-db';
import { getSetting } from '../db/settings';
import { replaceWatchlist } from '../db/watchlist';

/**
 * Brings the site's watchlist down (issue #16), asking with the version held so an unchanged list costs one
 * small answer. `getJson` is the site-config pull's authorised fetch. A failure keeps the list the kiosk holds:
 * the gate keeps refusing offline with the last list it received.
 */
export async function pullWatchlist(db: GatelogDb, getJson: (path: string) => Promise<unknown>): Promise<void> {
  try {
    const have = await getSetting(db, 'watchlistVersion');
    const list = kioskWatchlistSchema.parse(await getJson(`${WATCHLIST_SYNC_PATH}${have ? `?have=${encodeURIComponent(have)}` : ''}`));
    if (!list.unchanged) await replaceWatchlist(db, list);
  } catch {
    // offline, an older server, or a bad answer: keep what we have
  }
}
