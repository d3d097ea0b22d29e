import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import Dexie from 'dexie';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseCode } from '../../../src/domain/parse-code';
import { GatelogDb } from '../../../src/db/gatelog-db';
import { getSetting } from '../../../src/db/settings';
import { pullSiteConfig } from '../../../src/sync/site-config-pull';
import { checkPassSignature } from '../../../src/domain/pass-signature';
import { ROSTER_PATH, rosterPageSchema, siteConfigSchema, siteNameSchema, type AuditList, type SitePolicy } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { enrolDevice, seedSite } from '../../test-support/fixtures';
import type { Site } from '../../repositories/sites';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

const POLICY: SitePolicy = { keptFields: ['name', 'phone'], retentionDays: 14 };
const csv = (rows: string[]) => Buffer.from(['code,name,class', ...rows].join('\n'), 'utf8');

describeEngines('kiosk config, roster sync and signed passes (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let site: Site;
  let token: string;
  let deviceId: string;
  let admin: string;

  const device = (url: string, bearer = token) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: `Bearer ${bearer}` } });
  const upload = (body: Buffer, query = '') =>
    app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/roster${query}`, headers: { authorization: admin, 'content-type': 'text/csv' }, payload: body });

  /**
   * The kiosk's own pull loop (src/sync/site-config-pull.ts) into a kiosk database, over real HTTP to this app
   * listening on a free port; counts the roster pages it asked for.
   */
  async function pullAll(kiosk: GatelogDb): Promise<{ pages: number; since: number | undefined }> {
    const baseUrl = app.server.listening ? `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` : await app.listen({ host: '127.0.0.1', port: 0 });
    let pages = 0;
    const counting: typeof fetch = (input, init) => {
      if (String(input).includes(ROSTER_PATH)) pages++;
      return fetch(input, init);
    };
    expect(await pullSiteConfig(kiosk, token, { fetch: counting, baseUrl })).not.toBeNull();
    return { pages, since: await getSetting(kiosk, 'rosterSince') };
  }

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    const seeded = await seedSite(app.repos, { siteName: 'Trường THCS Hạ Long', policy: POLICY });
    site = seeded.site;
    ({ token, deviceId } = await enrolDevice(app, site.id));
    admin = await loginAdmin(app, seeded.org.id, 'admin@school.vn');
  });
  afterEach(() => stopTestApp(app, t));

  it('names another site for a kiosk that scanned its location poster (#11), to enrolled kiosks only', async () => {
    const other = await app.repos.sites.create({ orgId: site.orgId, name: 'Cảng Cái Rồng' });
    const res = await device(`/sync/sites/${other.id}`);
    expect(res.statusCode).toBe(200);
    expect(siteNameSchema.parse(res.json())).toEqual({ id: other.id, name: 'Cảng Cái Rồng' });
    expect((await device('/sync/sites/site_nosuchsite')).statusCode).toBe(404);
    expect((await device('/sync/sites/..%2Fconfig')).statusCode).toBe(400);
    expect((await device(`/sync/sites/${other.id}`, 'nonsense')).statusCode).toBe(401);
  });

  it('gives an enrolled kiosk its site, policy, keys and roster version; refuses a revoked one', async () => {
    const res = await device('/sync/config');
    expect(res.statusCode).toBe(200);
    const config = siteConfigSchema.parse(res.json());
    expect(config).toMatchObject({ site: { id: site.id, name: 'Trường THCS Hạ Long' }, policy: POLICY, passKeys: [], rosterVersion: 0 });
    expect(Math.abs(config.serverTime - Date.now())).toBeLessThan(5000);
    expect((await device('/sync/config', 'nonsense')).statusCode).toBe(401);
    await app.repos.devices.revoke(deviceId);
    const revoked = await device('/sync/config');
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toMatchObject({ code: 'revoked' });
    expect((await device('/sync/roster')).json()).toMatchObject({ code: 'revoked' });
  });

  it('syncs 10,000 roster rows in pages of 1,000 to the kiosk, then only what the next import changed', async () => {
    const kiosk = new GatelogDb(`kiosk-${Math.random()}`);
    try {
      const rows = Array.from({ length: 10_000 }, (_, i) => `HS${String(i).padStart(5, '0')},Học sinh số ${i},${6 + (i % 4)}A`);
      const first = (await upload(csv(rows))).json();
      expect(first).toMatchObject({ added: 10_000, updated: 0, removed: 0, unchanged: 0, errors: [], applied: true });
      expect(await pullAll(kiosk)).toEqual({ pages: 10, since: 10_000 });
      expect(await kiosk.roster.count()).toBe(10_000);
      expect(new Set((await kiosk.roster.toArray()).map((e) => e.version)).size).toBe(10_000);
      expect(await kiosk.roster.get('HS00000')).toEqual({ code: 'HS00000', name: 'Học sinh số 0', group: '6A', role: '', version: 1 });

      // Second import: one renamed, one removed, one added, the rest unchanged.
      const next = [...rows];
      next[5] = 'HS00005,Nguyễn Văn Năm,9A';
      next.splice(7, 1);
      next.push('HS99999,Mới Đến,6A');
      expect((await upload(csv(next))).json()).toMatchObject({ added: 1, updated: 1, removed: 1, unchanged: 9_998 });
      expect(await pullAll(kiosk)).toEqual({ pages: 1, since: 10_003 });
      expect(await kiosk.roster.get('HS00005')).toMatchObject({ name: 'Nguyễn Văn Năm', group: '9A', version: 10_001 });
      expect(await kiosk.roster.get('HS99999')).toMatchObject({ name: 'Mới Đến', version: 10_002 });
      expect(await kiosk.roster.get('HS00007')).toBeUndefined(); // the tombstone removed it
      expect(await kiosk.roster.count()).toBe(10_000);
      // The tombstone itself carries no name; nothing new is an empty page that says so.
      const delta = rosterPageSchema.parse((await device('/sync/roster?since=10000')).json());
      expect(delta.entries.map((e) => [e.code, e.deleted, e.version])).toEqual([
        ['HS00005', false, 10_001],
        ['HS99999', false, 10_002],
        ['HS00007', true, 10_003],
      ]);
      expect(delta.entries[2]!.name).not.toContain('Học sinh');
      expect((await device('/sync/roster?since=10003')).json()).toEqual({ entries: [], nextSince: 10_003, more: false });
      expect((await device('/sync/roster?limit=5000')).statusCode).toBe(400);
      expect(await pullAll(kiosk)).toEqual({ pages: 0, since: 10_003 });
    } finally {
      kiosk.close();
      await Dexie.delete(kiosk.name);
    }
  });

  it('issues a signed pass that the kiosk verifies offline; a tampered one fails', async () => {
    const res = await app.inject({
      method: 'POST',
      url: `/api/v1/sites/${site.id}/passes`,
      headers: { authorization: admin },
      payload: { name: 'Nhà thầu Trần Văn Bình', phone: '0912 345 678', idNumber: '001099012345', validUntil: '2099-12-31' },
    });
    expect(res.statusCode).toBe(200);
    const { text, passId } = res.json() as { text: string; passId: string };
    expect(text).toMatch(/^GLS1\|/);
    const { passKeys } = siteConfigSchema.parse((await device('/sync/config')).json());
    expect(passKeys).toHaveLength(1);

    const parsed = parseCode(text);
    expect(parsed).toMatchObject({ ok: true, visitor: { kind: 'pass', subject: passId, name: 'Nhà thầu Trần Văn Bình', phone: '0912345678', idNumber: '001099012345' } });
    expect(await checkPassSignature(parsed.claim!, passKeys)).toBeNull();
    const tampered = parseCode(text.replace('Bình', 'Binh'));
    expect(await checkPassSignature(tampered.claim!, passKeys)).toBe('passSignature');
    const extended = parseCode(text.replace('20991231', '20991230'));
    expect(await checkPassSignature(extended.claim!, passKeys)).toBe('passSignature');

    // The same key signs the next pass; the audit entry names the pass id only.
    const second = await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/passes`, headers: { authorization: admin }, payload: { name: 'Lê B' } });
    expect(await checkPassSignature(parseCode((second.json() as { text: string }).text).claim!, passKeys)).toBeNull();
    const audit = ((await app.inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization: admin } })).json() as AuditList).entries;
    const entry = audit.find((e) => e.target === passId)!;
    expect(entry.action).toBe('pass.issue');
    expect(JSON.stringify(entry)).not.toMatch(/Bình|0912|001099/);

    const bad = await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/passes`, headers: { authorization: admin }, payload: { name: 'A|B' } });
    expect(bad.statusCode).toBe(400);
  });

  it('lets the site manager issue passes and import rosters; refuses viewers and other organisations', async () => {
    const manager = await loginAdmin(app, site.orgId, 'm@school.vn', { role: 'site_manager', siteId: site.id });
    const viewer = await loginAdmin(app, site.orgId, 'v@school.vn', { role: 'viewer' });
    const other = await seedSite(app.repos, { orgName: 'Other' });
    const outsider = await loginAdmin(app, other.org.id, 'x@other.vn');
    const issue = (auth: string) => app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/passes`, headers: { authorization: auth }, payload: { name: 'An' } });
    const roster = (auth: string) =>
      app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/roster`, headers: { authorization: auth, 'content-type': 'text/csv' }, payload: csv(['A1,An,1A']) });
    expect((await issue(manager)).statusCode).toBe(200);
    expect((await roster(manager)).statusCode).toBe(200);
    for (const auth of [viewer, outsider]) {
      expect((await issue(auth)).statusCode).toBe(403);
      expect((await roster(auth)).statusCode).toBe(403);
    }
    expect((await app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/roster`, headers: { authorization: viewer } })).json()).toMatchObject({
      entries: [{ code: 'A1', name: 'An', group: '1A', role: '' }],
      version: 1,
    });
    expect((await app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/roster`, headers: { authorization: outsider } })).statusCode).toBe(403);
  });

  it('previews an import, refuses a file with errors unless told to skip them, and audits what it applied', async () => {
    const file = Buffer.from('Mã số;Họ tên;Lớp\nA1;An;1A\n;Không mã;1A\nA1;Trùng;1B\nA4;Bốn;1A\n', 'utf8');
    const preview = (await upload(file, '?dryRun=1')).json();
    expect(preview).toMatchObject({ added: 2, applied: false, encoding: 'utf-8', errors: [{ line: 3, message: 'missing code' }, { line: 4, message: 'duplicate code A1 (also on line 2)' }] });
    expect((await upload(file)).json()).toMatchObject({ applied: false });
    expect(await app.repos.rosters.version(site.id)).toBe(0);
    expect((await upload(file, '?skipInvalid=1')).json()).toMatchObject({ added: 2, applied: true });
    expect(await app.repos.rosters.version(site.id)).toBe(2);
    // A file without a usable header never wipes the roster, even with skipInvalid.
    expect((await upload(Buffer.from('foo,bar\n1,2\n'), '?skipInvalid=1')).json()).toMatchObject({ applied: false, errors: [{ line: 1 }] });
    expect((await app.repos.rosters.listAll(site.id)).filter((e) => !e.deleted)).toHaveLength(2);
    const json = await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/roster`, headers: { authorization: admin }, payload: { code: 'x' } });
    expect(json.statusCode).toBe(415);
    const audit = ((await app.inject({ method: 'GET', url: '/api/v1/audit', headers: { authorization: admin } })).json() as AuditList).entries;
    expect(audit.filter((e) => e.action === 'roster.import').map((e) => e.detail)).toEqual([{ added: 2, updated: 0, removed: 0, unchanged: 0, skipped: 2 }]);
  });
});
