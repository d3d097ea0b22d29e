import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { erasureHash } from '../protocol/erasures';
import { ROSTER_PAGE_SIZE, type RosterEntry } from '../protocol/roster-page';
import type { SiteConfig } from '../protocol/site-config';
import { GatelogDb } from '../db/gatelog-db';
import { logCheckIn } from '../db/outbox';
import { findOnRoster } from '../db/roster';
import { getSetting, setSetting } from '../db/settings';
import { pullSiteConfig } from './site-config-pull';

// The steps of the kiosk's pull (site config, erasure list, roster pages, then retention) against a server whose
// answers are scripted in the wire format the protocol schemas define (the real-server runs are in
// tests/integration/).
const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 3);
const SITE_KEY = Buffer.alloc(32, 9).toString('base64url');

let db: GatelogDb;
let n = 0;
let requests: { url: string; auth: string | null; cache: RequestCache | undefined }[];
beforeEach(async () => {
  db = new GatelogDb(`pull-${++n}`);
  await db.open();
  requests = [];
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const config = (over: Partial<SiteConfig> = {}): SiteConfig => ({
  site: { id: 'site-1', name: 'Cảng Cái Rồng' },
  policy: { keptFields: ['name'], retentionDays: 7 },
  passKeys: [{ kid: 'k1', publicKey: 'A'.repeat(43) }],
  rosterVersion: 0,
  serverTime: NOW,
  erasures: [],
  ...over,
});
/** The roster pages the kiosk asked for (a pull also asks for the config and the watchlist). */
const rosterAsks = () => requests.filter((r) => r.url.startsWith('/api/v1/sync/roster'));
const entry = (code: string, version: number, deleted = false): RosterEntry => ({ code, name: `Học sinh ${code}`, group: '10A1', role: 'student', version, deleted });

/** A server answering each path from `routes` (a function of the URL), recording what the kiosk asked. */
function server(routes: (url: URL) => { status?: number; body?: unknown } | Error): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://kiosk.test');
    requests.push({ url: url.pathname + url.search, auth: new Headers(init.headers).get('authorization'), cache: init.cache });
    const answer = routes(url);
    if (answer instanceof Error) throw answer;
    return new Response(JSON.stringify(answer.body ?? {}), { status: answer.status ?? 200, headers: { 'content-type': 'application/json' } });
  }) as typeof fetch;
}

describe('pullSiteConfig', () => {
  it('stores the site, its policy and pass keys, asks with the token and without the HTTP cache, then applies retention', async () => {
    const old = await logCheckIn(db, { kind: 'manual', subject: 'A', name: 'A' }, 'in', NOW - 8 * DAY);
    await db.outbox.update(old.id, { syncState: 'synced' });
    await logCheckIn(db, { kind: 'manual', subject: 'B', name: 'B' }, 'in', NOW - 8 * DAY);
    const fetch = server(() => ({ body: config() }));
    expect(await pullSiteConfig(db, 'tok', { fetch, baseUrl: 'https://gate.example', now: () => NOW })).toEqual({ purged: 1, overdue: 1 });
    expect(requests).toEqual([
      { url: '/api/v1/sync/config?erasuresSince=0&occupancySince=0', auth: 'Bearer tok', cache: 'no-store' },
      { url: '/api/v1/sync/watchlist', auth: 'Bearer tok', cache: 'no-store' },
    ]);
    expect(await getSetting(db, 'siteId')).toBe('site-1');
    expect(await getSetting(db, 'siteName')).toBe('Cảng Cái Rồng');
    expect(await getSetting(db, 'policy')).toEqual({ keptFields: ['name'], retentionDays: 7 });
    expect(await getSetting(db, 'passKeys')).toEqual([{ kid: 'k1', publicKey: 'A'.repeat(43) }]);
  });

  it('keeps what it has when the server cannot be read, refuses, or answers something else', async () => {
    await setSetting(db, 'siteName', 'Trước');
    for (const answer of [new TypeError('Failed to fetch'), { status: 503 }, { status: 404, body: config() }, { body: { site: 'x' } }]) {
      expect(await pullSiteConfig(db, 'tok', { fetch: server(() => answer), now: () => NOW })).toBeNull();
    }
    expect(await getSetting(db, 'siteName')).toBe('Trước');
  });

  it('pulls the roster page by page from the version it holds, committing each page with its cursor', async () => {
    await setSetting(db, 'rosterSince', 2);
    const pages: Record<string, unknown> = {
      2: { entries: [entry('HS3', 3), entry('HS4', 4)], nextSince: 4, more: true },
      4: { entries: [entry('HS3', 5, true), entry('HS6', 6)], nextSince: 6, more: false },
    };
    const fetch = server((url) => (url.pathname.endsWith('/config') ? { body: config({ rosterVersion: 6 }) } : { body: pages[url.searchParams.get('since')!] }));
    await pullSiteConfig(db, 'tok', { fetch, now: () => NOW });
    expect(rosterAsks().map((r) => r.url)).toEqual([`/api/v1/sync/roster?since=2&limit=${ROSTER_PAGE_SIZE}`, `/api/v1/sync/roster?since=4&limit=${ROSTER_PAGE_SIZE}`]);
    expect(await findOnRoster(db, 'HS3')).toBeUndefined();
    expect((await findOnRoster(db, 'HS6'))?.name).toBe('Học sinh HS6');
    expect(await getSetting(db, 'rosterSince')).toBe(6);

    // Up to date: no roster request at all.
    requests = [];
    await pullSiteConfig(db, 'tok', { fetch, now: () => NOW });
    expect(rosterAsks()).toHaveLength(0);
  });

  it('stops paging on a page that does not move the cursor, and resumes from the last good page after a failure', async () => {
    const stuck = server((url) =>
      url.pathname.endsWith('/config') ? { body: config({ rosterVersion: 9 }) } : { body: { entries: [entry('HS1', 1)], nextSince: 0, more: true } },
    );
    expect(await pullSiteConfig(db, 'tok', { fetch: stuck, now: () => NOW })).toEqual({ purged: 0, overdue: 0 });
    expect(rosterAsks()).toHaveLength(1); // one roster page, then it stops instead of looping

    requests = [];
    const failing = server((url) => {
      if (url.pathname.endsWith('/config')) return { body: config({ rosterVersion: 9 }) };
      return url.searchParams.get('since') === '0' ? { body: { entries: [entry('HS2', 2)], nextSince: 2, more: true } } : { status: 500 };
    });
    // Retention still runs with the policy just received.
    expect(await pullSiteConfig(db, 'tok', { fetch: failing, now: () => NOW })).toEqual({ purged: 0, overdue: 0 });
    expect(await getSetting(db, 'rosterSince')).toBe(2);
    expect((await findOnRoster(db, 'HS2'))?.group).toBe('10A1');

    // A last page short of the version the config named (the roster changed in between): the rest comes next sync.
    requests = [];
    const changed = server((url) =>
      url.pathname.endsWith('/config') ? { body: config({ rosterVersion: 9 }) } : { body: { entries: [entry('HS1', 1)], nextSince: 5, more: false } },
    );
    await pullSiteConfig(db, 'tok', { fetch: changed, now: () => NOW });
    expect(rosterAsks()).toHaveLength(1);
    expect(await getSetting(db, 'rosterSince')).toBe(5);
  });

  it('applies the erasure list with the clock offset it knows, and asks for entries after the last one applied', async () => {
    await setSetting(db, 'clockOffsetMs', -2 * 60_000); // the tablet is two minutes fast
    const at = NOW - DAY;
    const r = await logCheckIn(db, { kind: 'manual', subject: '0912345678', name: 'Lan', phone: '0912345678' }, 'in', at + 60_000);
    await db.outbox.update(r.id, { syncState: 'synced' });
    const erasures = [{ version: 4, hash: await erasureHash(SITE_KEY, '0912345678'), erasedAt: at }];
    await pullSiteConfig(db, 'tok', { fetch: server(() => ({ body: config({ erasureKey: SITE_KEY, erasures, policy: { keptFields: [], retentionDays: 30 } }) })), now: () => NOW });
    expect(await db.outbox.get(r.id)).toBeUndefined(); // made before the erasure in server time
    expect(await getSetting(db, 'erasuresSince')).toBe(4);

    requests = [];
    await pullSiteConfig(db, 'tok', { fetch: server(() => ({ body: config() })), now: () => NOW });
    expect(requests[0]!.url).toBe('/api/v1/sync/config?erasuresSince=4&occupancySince=0');
  });

  it('ignores an erasure list from a server that sends no site key', async () => {
    const r = await logCheckIn(db, { kind: 'manual', subject: '0912345678', name: 'Lan', phone: '0912345678' }, 'in', NOW - 60_000);
    const erasures = [{ version: 1, hash: await erasureHash(SITE_KEY, '0912345678'), erasedAt: NOW }];
    await pullSiteConfig(db, 'tok', { fetch: server(() => ({ body: config({ erasures }) })), now: () => NOW });
    expect((await db.outbox.get(r.id))?.visitor.name).toBe('Lan');
  });
});
