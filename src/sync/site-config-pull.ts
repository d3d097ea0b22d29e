import { ROSTER_PATH, ROSTER_PAGE_SIZE, rosterPageSchema } from '../protocol/roster-page';
import { SITE_CONFIG_PATH, siteConfigSchema } from '../protocol/site-config';
import type { GatelogDb } from '../db/gatelog-db';
import { applyErasures } from '../db/erasures';
import { applyOccupancy } from '../db/occupancy';
import { applyRetention, type RetentionResult } from '../db/retention';
import { applyRosterPage } from '../db/roster';
import { getSetting, setSetting } from '../db/settings';
import { pullWatchlist } from './watchlist-pull';

export interface PullOptions {
  fetch?: typeof fetch;
  baseUrl?: string;
  timeoutMs?: number;
  now?: () => number;
}

async function getJson(path: string, token: string, opts: PullOptions): Promise<unknown> {
  const res = await (opts.fetch ?? fetch)(`${opts.baseUrl ?? ''}${path}`, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
    cache: 'no-store',
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  return res.json();
}

/**
 * Brings the site's policy, pass keys, watchlist, erasure list (issue #10), gate settings and occupancy (issue #16)
 * and roster down to the kiosk, then applies
 * retention with the policy just received. The roster comes in pages, each committed with its cursor, so a cut-off pull
 * resumes where it stopped. Returns what retention did, or null when the server could not be read.
 */
export async function pullSiteConfig(db: GatelogDb, token: string, opts: PullOptions = {}): Promise<RetentionResult | null> {
  let config;
  try {
    const erasuresSince = (await getSetting(db, 'erasuresSince')) ?? 0;
    const occupancySince = (await getSetting(db, 'occupancySince')) ?? 0;
    const query = `erasuresSince=${erasuresSince}&occupancySince=${occupancySince}`;
    config = siteConfigSchema.parse(await getJson(`${SITE_CONFIG_PATH}?${query}`, token, opts));
  } catch {
    return null; // offline, an older server, or a bad answer: keep what we have
  }
  await db.transaction('rw', db.settings, async () => {
    await setSetting(db, 'siteId', config.site.id);
    await setSetting(db, 'siteName', config.site.name);
    await setSetting(db, 'policy', config.policy);
    await setSetting(db, 'passKeys', config.passKeys);
    if (config.gate) await setSetting(db, 'gate', config.gate);
    if (config.erasureKey) await setSetting(db, 'subjectKey', config.erasureKey);
  });
  // Who came in or went out through the site's other kiosks (issue #16), with its cursor.
  if (config.occupancy) await applyOccupancy(db, config.occupancy, config.serverTime);
  await pullWatchlist(db, (path) => getJson(path, token, opts));
  // One page per sync (ERASURES_PAGE_SIZE): a kiosk far behind catches up over its next syncs.
  if (config.erasureKey) await applyErasures(db, config.erasureKey, config.erasures, (await getSetting(db, 'clockOffsetMs')) ?? 0);
  try {
    let since = (await getSetting(db, 'rosterSince')) ?? 0;
    while (since < config.rosterVersion) {
      const page = rosterPageSchema.parse(await getJson(`${ROSTER_PATH}?since=${since}&limit=${ROSTER_PAGE_SIZE}`, token, opts));
      await applyRosterPage(db, page);
      if (!page.more || page.nextSince <= since) break;
      since = page.nextSince;
    }
  } catch {
    // The next sync resumes from the last committed page.
  }
  return applyRetention(db, config.policy.retentionDays, (opts.now ?? Date.now)());
}
