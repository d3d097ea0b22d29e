import { watchlistHash } from '../domain/watchlist-hash';
import type { KioskWatchlist } from '../protocol/watchlist-sync';
import type { Visitor } from '../protocol/visitor';
import { watchlistKeysOf } from '../protocol/watchlist-subject';
import type { GatelogDb, WatchlistRow } from './gatelog-db';
import { getSetting, setSetting } from './settings';

/** Replaces the kiosk's watchlist with the server's, with its version and salts, in one transaction. */
export async function replaceWatchlist(db: GatelogDb, list: KioskWatchlist): Promise<void> {
  await db.transaction('rw', db.watchlist, db.settings, async () => {
    await db.watchlist.clear();
    await db.watchlist.bulkPut(list.entries);
    await setSetting(db, 'watchlistSalts', list.salts);
    await setSetting(db, 'watchlistVersion', list.version);
  });
}

/**
 * The watchlist entry this visitor matches, if any — a refusal before an alert. Every key of the visitor (ID
 * number, phone, pass id, badge code) is hashed under every salt the list uses, all at once (WebCrypto runs them
 * off the main thread); nothing is hashed when the list is empty, so a kiosk without one pays nothing.
 */
export async function findWatchlistMatch(db: GatelogDb, visitor: Visitor): Promise<WatchlistRow | undefined> {
  if ((await db.watchlist.limit(1).count()) === 0) return undefined;
  const salts = (await getSetting(db, 'watchlistSalts')) ?? [];
  const keys = watchlistKeysOf(visitor);
  // Only the kinds listed under each salt: a pass with an ID number and a phone costs one hash where only IDs are listed.
  const listed = (s: (typeof salts)[number], key: string) => s.kinds.some((kind) => key.startsWith(`${kind}\n`));
  const hashes = await Promise.all(
    salts.flatMap((s) => keys.filter((k) => listed(s, k)).map(async (k) => ({ keyId: s.keyId, hash: await watchlistHash(k, s.salt, s.iterations) }))),
  );
  if (hashes.length === 0) return undefined;
  const rows = await db.watchlist.where('hash').anyOf(hashes.map((h) => h.hash)).toArray();
  const matches = rows.filter((r) => hashes.some((h) => h.hash === r.hash && h.keyId === r.keyId));
  return matches.find((r) => r.action === 'refuse') ?? matches[0];
}
