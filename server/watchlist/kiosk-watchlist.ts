import { createHash } from 'node:crypto';
import type { KioskWatchlist } from '../../src/protocol/watchlist-sync';
import { WATCHLIST_KINDS } from '../../src/protocol/watchlist-subject';
import type { Repositories } from '../repositories';
import { orgWatchlistSalt } from '../subjects/subject-keys';

/**
 * The watchlist as a kiosk at `site` receives it (issue #16): hashes, reasons and actions of every entry of the
 * site's organisation and the organisations above it, with the salts of the organisations that have entries.
 * `version` digests the whole answer, so `have` equal to it means the kiosk is up to date.
 */
export async function kioskWatchlist(repos: Repositories, site: { orgId: string }, have?: string): Promise<KioskWatchlist> {
  const rows = await repos.watchlist.applicableTo(site.orgId);
  // One salt per organisation and iteration count (entries hashed before a change of WATCHLIST_HASH_ITERATIONS keep theirs).
  const keyIdOf = (r: { orgId: string; iterations: number }) => `${r.orgId}.${r.iterations}`;
  const keys = new Map(rows.map((r) => [keyIdOf(r), r]));
  const kindsOf = (keyId: string) => WATCHLIST_KINDS.filter((k) => rows.some((r) => r.kind === k && keyIdOf(r) === keyId));
  const salts = await Promise.all(
    [...keys]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(async ([keyId, r]) => ({ keyId, salt: await orgWatchlistSalt(repos, r.orgId), iterations: r.iterations, kinds: kindsOf(keyId) })),
  );
  const entries = rows.map((r) => ({ id: r.id, keyId: keyIdOf(r), hash: r.subjectHash, action: r.action, reason: r.reason }));
  const version = createHash('sha256').update(JSON.stringify([salts, entries])).digest('base64url');
  if (have === version) return { version, unchanged: true, salts: [], entries: [] };
  return { version, unchanged: false, salts, entries };
}
