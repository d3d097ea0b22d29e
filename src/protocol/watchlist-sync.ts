import * as z from 'zod/mini';
import { MAX_WATCHLIST_REASON, WATCHLIST_ACTIONS, WATCHLIST_KINDS } from './watchlist-subject';

// zod/mini: the kiosk's service worker parses this after each push, and its bundle stays small.

/**
 * `GET WATCHLIST_SYNC_PATH?have=<version>` with a device token (issue #16): every watchlist entry that applies at
 * the kiosk's site (its organisation's and every organisation's above it), as keyed hashes — never the subject —
 * with the reason to show and the action. The whole list each time it changed (lists are short, and a site moved
 * to another unit gets the right list at once); `unchanged` when the kiosk already holds `have`.
 */
export const WATCHLIST_SYNC_PATH = '/api/v1/sync/watchlist';

/** An organisation's salt for `watchlistHash` (src/domain/watchlist-hash.ts), base64url of 32 bytes. */
export const watchlistSaltSchema = z.object({
  keyId: z.string().check(z.minLength(1), z.maxLength(64)),
  salt: z.string().check(z.regex(/^[0-9A-Za-z_-]{43}$/)),
  iterations: z.int().check(z.minimum(1000), z.maximum(10_000_000)),
  /** The kinds of subject listed under this salt: a scan hashes only those of its keys (each hash costs latency). */
  kinds: z._default(z.array(z.enum(WATCHLIST_KINDS)), [...WATCHLIST_KINDS]),
});
export type WatchlistSalt = z.infer<typeof watchlistSaltSchema>;

export const kioskWatchlistEntrySchema = z.object({
  id: z.string().check(z.minLength(1), z.maxLength(64)),
  keyId: z.string().check(z.minLength(1), z.maxLength(64)),
  hash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  action: z.enum(WATCHLIST_ACTIONS),
  reason: z.string().check(z.maxLength(MAX_WATCHLIST_REASON)),
});
export type KioskWatchlistEntry = z.infer<typeof kioskWatchlistEntrySchema>;

export const kioskWatchlistSchema = z.object({
  /** Opaque: changes whenever anything in the answer would. */
  version: z.string().check(z.maxLength(128)),
  unchanged: z.boolean(),
  salts: z.array(watchlistSaltSchema),
  entries: z.array(kioskWatchlistEntrySchema),
});
export type KioskWatchlist = z.infer<typeof kioskWatchlistSchema>;
