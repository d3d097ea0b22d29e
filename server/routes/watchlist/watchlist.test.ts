import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchlistHash } from '../../../src/domain/watchlist-hash';
import { watchlistKeysOf } from '../../../src/protocol/watchlist-subject';
import { kioskWatchlistSchema, watchlistEntrySchema, type AuditList, type CheckinList, type KioskWatchlist, type PushResponse, type WatchlistEntry } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import { type TestDatabase } from '../../test-support/engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import { startTestApp, stopTestApp } from '../../test-support/test-app';
import type { Site } from '../../repositories/sites';
import { describeEngines } from '../../test-support/describe-engines';

const CCCD = '001099012345';

describeEngines('watchlist (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let province: string;
  let unitSite: Site;
  let admin: string;
  let token: string;

  const as = (auth: string, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { authorization: auth }, ...(payload !== undefined ? { payload: payload as object } : {}) });
  const pull = async (have?: string) =>
    kioskWatchlistSchema.parse(
      (await app.inject({ method: 'GET', url: `/api/v1/sync/watchlist${have ? `?have=${have}` : ''}`, headers: { authorization: `Bearer ${token}` } })).json(),
    );
  const add = async (body: object, auth = admin, org = province) => as(auth, 'POST', `/orgs/${org}/watchlist`, body);

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    const top = await seedSite(app.repos, { orgName: 'Sở Y tế', siteName: 'Cổng Sở' });
    province = top.org.id;
    // The kiosk stands at a unit's site: the province's list applies there too.
    const unit = await seedSite(app.repos, { orgName: 'Trường THCS', siteName: 'Cổng trường', parentId: province });
    unitSite = unit.site;
    ({ token } = await enrolDevice(app, unitSite.id));
    admin = await loginAdmin(app, province, 'admin@so.vn');
  });
  afterEach(() => stopTestApp(app, t));

  it('adds, lists, edits and removes entries with the subject normalised; audits each change without the subject', async () => {
    const res = await add({ kind: 'id_number', subject: ' 001 099 012 345 ', reason: 'Không được đón học sinh', action: 'refuse' });
    expect(res.statusCode).toBe(200);
    const entry = watchlistEntrySchema.parse(res.json());
    expect(entry).toMatchObject({ orgId: province, kind: 'id_number', subject: CCCD, action: 'refuse', hits: 0, lastHitAt: null });
    expect((await add({ kind: 'id_number', subject: CCCD, reason: 'again', action: 'alert' })).statusCode).toBe(409);
    expect((await add({ kind: 'phone', subject: '+84 912 345 678', reason: 'Gọi bảo vệ', action: 'alert' })).json()).toMatchObject({ subject: '0912345678' });
    const bad = await add({ kind: 'id_number', subject: '12345', reason: 'x', action: 'refuse' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'bad_request', params: { fields: 'subject' } });
    expect((await add({ kind: 'badge', subject: 'HS1', reason: 'a\u0000b', action: 'refuse' })).statusCode).toBe(400);

    const list = (await as(admin, 'GET', `/orgs/${province}/watchlist`)).json() as { entries: WatchlistEntry[] };
    expect(list.entries.map((e) => e.subject).sort()).toEqual(['001099012345', '0912345678']);

    const edited = await as(admin, 'PATCH', `/watchlist/${entry.id}`, { action: 'alert', reason: 'Báo phòng giáo vụ' });
    expect(edited.json()).toMatchObject({ id: entry.id, action: 'alert', reason: 'Báo phòng giáo vụ' });
    expect((await as(admin, 'DELETE', `/watchlist/${entry.id}`)).json()).toEqual({ id: entry.id });
    expect((await as(admin, 'GET', `/orgs/${province}/watchlist`)).json().entries).toHaveLength(1);

    const audit = ((await as(admin, 'GET', '/audit')).json() as AuditList).entries.filter((e) => e.action.startsWith('watchlist.'));
    expect(audit.map((e) => e.action).sort()).toEqual(['watchlist.add', 'watchlist.add', 'watchlist.remove', 'watchlist.update']);
    expect(audit.find((e) => e.action === 'watchlist.update')!.detail).toMatchObject({ kind: 'id_number', before: { action: 'refuse' }, after: { action: 'alert', reasonChanged: true } });
    const text = JSON.stringify(audit);
    expect(text).not.toContain(CCCD);
    expect(text).not.toContain('0912345678');
    expect(audit.every((e) => typeof e.detail?.subjectHash === 'string')).toBe(true);
  });

  it('refuses admins of another organisation, site managers and viewers', async () => {
    const entry = (await add({ kind: 'badge', subject: 'hs-2024-1', reason: 'Đình chỉ', action: 'refuse' })).json() as WatchlistEntry;
    expect(entry.subject).toBe('HS-2024-1');
    const other = await seedSite(app.repos, { orgName: 'Cảng' });
    const outsider = await loginAdmin(app, other.org.id, 'x@cang.vn');
    const manager = await loginAdmin(app, province, 'm@so.vn', { role: 'site_manager', siteId: unitSite.id });
    const viewer = await loginAdmin(app, province, 'v@so.vn', { role: 'viewer' });
    for (const auth of [outsider, manager, viewer]) {
      expect((await add({ kind: 'badge', subject: 'X1', reason: 'r', action: 'refuse' }, auth)).statusCode).toBe(403);
      expect((await as(auth, 'PATCH', `/watchlist/${entry.id}`, { action: 'alert' })).statusCode).toBe(403);
      expect((await as(auth, 'DELETE', `/watchlist/${entry.id}`)).statusCode).toBe(403);
    }
    expect((await as(outsider, 'GET', `/orgs/${province}/watchlist`)).statusCode).toBe(403);
    expect((await as(manager, 'GET', `/orgs/${province}/watchlist`)).statusCode).toBe(403);
    expect((await as(viewer, 'GET', `/orgs/${province}/watchlist`)).statusCode).toBe(200);
    // An unknown id answers like another organisation's (no probing).
    expect((await as(admin, 'DELETE', '/watchlist/wl_nosuchentry')).statusCode).toBe(403);
    // The outsider's own org is theirs to manage, and its list does not reach the province's kiosks.
    expect((await add({ kind: 'badge', subject: 'X1', reason: 'r', action: 'refuse' }, outsider, other.org.id)).statusCode).toBe(200);
    expect((await pull()).entries.map((e) => e.id)).toEqual([entry.id]);
  });

  it('gives kiosks hashes that a scan of the same person matches, never the subject; unchanged when nothing changed', async () => {
    const empty = await pull();
    expect(empty).toMatchObject({ unchanged: false, salts: [], entries: [] });
    const entry = (await add({ kind: 'id_number', subject: CCCD, reason: 'Từ chối lên tàu', action: 'refuse' })).json() as WatchlistEntry;
    const list = await pull(empty.version);
    expect(list.unchanged).toBe(false);
    expect(JSON.stringify(list)).not.toContain(CCCD);
    expect(list.entries).toEqual([{ id: entry.id, keyId: list.salts[0]!.keyId, hash: expect.stringMatching(/^[0-9a-f]{64}$/), action: 'refuse', reason: 'Từ chối lên tàu' }]);
    // What the kiosk computes from a scanned CCCD (or a pass carrying the number) is that hash.
    const salt = list.salts[0]!;
    expect(salt.kinds).toEqual(['id_number']);
    const keys = watchlistKeysOf({ kind: 'pass', subject: 'ABCDEFGHJK', passId: 'ABCDEFGHJK', idNumber: CCCD, name: 'A' });
    const hashes = await Promise.all(keys.map((k) => watchlistHash(k, salt.salt, salt.iterations)));
    expect(hashes).toContain(list.entries[0]!.hash);
    expect(await pull(list.version)).toEqual({ version: list.version, unchanged: true, salts: [], entries: [] } satisfies KioskWatchlist);
    await as(admin, 'PATCH', `/watchlist/${entry.id}`, { reason: 'Khác' });
    expect((await pull(list.version)).entries[0]!.reason).toBe('Khác');
    // Another organisation's salt differs: the same person hashes differently there.
    const other = await seedSite(app.repos, { orgName: 'Cảng' });
    const outsider = await loginAdmin(app, other.org.id, 'x@cang.vn');
    await add({ kind: 'id_number', subject: CCCD, reason: 'r', action: 'refuse' }, outsider, other.org.id);
    const [theirs] = await app.repos.watchlist.listByOrg(other.org.id);
    const rows = await t.db.selectFrom('watchlist_entry').select(['id', 'subject_hash']).execute();
    expect(new Set(rows.map((r) => r.subject_hash)).size).toBe(2);
    expect(theirs).toBeDefined();
    expect((await app.inject({ method: 'GET', url: '/api/v1/sync/watchlist', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(401);
  });

  it('stores refused attempts and alerts from kiosks, counts the hits, keeps refused ones out of visits and shows both in the live log', async () => {
    const refuse = (await add({ kind: 'id_number', subject: CCCD, reason: 'Không được đón học sinh', action: 'refuse' })).json() as WatchlistEntry;
    const alert = (await add({ kind: 'phone', subject: '0912345678', reason: 'Báo bảo vệ', action: 'alert' })).json() as WatchlistEntry;
    const now = Date.now();
    const records = [
      { ...checkIn({ seq: 1, deviceTime: now - 2000 }), outcome: 'refused', watchlistId: refuse.id },
      { ...checkIn({ seq: 2, deviceTime: now - 1000, visitor: { kind: 'manual', subject: '0912345678', phone: '0912345678', idNumber: undefined, name: 'Trần B' } }), outcome: 'alert', watchlistId: alert.id },
      checkIn({ seq: 3, deviceTime: now, visitor: { kind: 'cccd', subject: '079088001122', idNumber: '079088001122', name: 'Lê C' } }),
    ];
    const push = () => app.inject({ method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` }, payload: { sentAt: Date.now(), records } });
    const res = await push();
    expect((res.json() as PushResponse).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const stored = await t.db.selectFrom('checkin').select(['seq', 'outcome', 'watchlist_id']).orderBy('seq').execute();
    expect(stored.map((r) => [Number(r.seq), r.outcome, r.watchlist_id])).toEqual([
      [1, 'refused', refuse.id],
      [2, 'alert', alert.id],
      [3, null, null],
    ]);
    // A resent batch is not counted twice.
    await push();
    const hits = Object.fromEntries((await app.repos.watchlist.listByOrg(province)).map((e) => [e.id, e.hits]));
    expect(hits).toEqual({ [refuse.id]: 1, [alert.id]: 1 });
    // The refused person was never inside: no visit; the alerted one and the ordinary one are.
    const visits = await t.db.selectFrom('visit').select('subject').execute();
    expect(visits.map((v) => v.subject).sort()).toEqual(['079088001122', '0912345678']);
    // Nor a scan in the reports' counts (it was no passage through the gate).
    const scans = await t.db.selectFrom('site_hour_count').select('scans').execute();
    expect(scans.reduce((n, r) => n + Number(r.scans), 0)).toBe(2);

    const log = (await as(admin, 'GET', `/sites/${unitSite.id}/log`)).json() as CheckinList;
    expect(log.checkins.map((c) => [c.seq, c.outcome ?? null, c.watchlistReason ?? null])).toEqual([
      [3, null, null],
      [2, 'alert', 'Báo bảo vệ'],
      [1, 'refused', 'Không được đón học sinh'],
    ]);
    // A bad outcome is rejected alone, never a 500.
    const bad = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: Date.now(), records: [{ ...checkIn({ seq: 9 }), outcome: 'maybe' }] },
    });
    expect((bad.json() as PushResponse).results[0]).toMatchObject({ status: 'rejected' });
  });
});
