import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuditList, PushResponse, SubjectData } from '../../src/protocol';
import type { Repositories } from '../repositories';
import { loginAdmin } from '../test-support/admin';
import { type TestDatabase } from '../test-support/engines';
import { checkIn, enrolDevice, seedSite } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';
import { auditSubjectHash, siteErasureKey } from './subject-keys';
import { describeEngines } from '../test-support/describe-engines';

const LAN = '0912345678';

/**
 * How far a data request and an erasure reach (issue #6, #10): every spelling of the person's name held anywhere,
 * records that hold no name at all, a person known only by a pass, and keyed hashes that keep people and sites apart.
 */
describeEngines('data requests reach everything held (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let admin: string;
  let orgId: string;

  const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: { authorization: admin }, ...(payload ? { payload } : {}) });
  /** Check-ins go in the way a kiosk sends them: through the sync route. */
  const push = async (token: string, visitors: object[]) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: Date.now(), records: visitors.map((visitor, i) => checkIn({ seq: i + 1, visitor, deviceTime: Date.now() - 60_000 })) },
    });
    expect((res.json() as PushResponse).results.map((r) => r.status)).toEqual(visitors.map(() => 'accepted'));
  };

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    orgId = (await app.repos.orgs.create({ name: 'Sở' }))!.id;
    admin = await loginAdmin(app, orgId, 'admin@so.vn');
  });
  afterEach(() => stopTestApp(app, t));

  it('replaces in the audit log every spelling of the name held in check-ins, on the roster and on passes', async () => {
    const site = await app.repos.sites.create({ orgId, name: 'Cổng 1' });
    const { token } = await enrolDevice(app, site.id);
    await push(token, [{ kind: 'manual', subject: LAN, name: 'Trần Thị Lan', phone: LAN, idNumber: undefined }]);
    await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/roster`, headers: { authorization: admin, 'content-type': 'text/csv' }, payload: `code,name,class\n${LAN},Trần T. Lan,Tổ 1\n` });
    expect((await call('POST', `/sites/${site.id}/passes`, { name: 'Lan Trần', phone: LAN })).statusCode).toBe(200);
    const me = (await app.repos.admins.findForLogin('admin@so.vn'))!.admin;
    await app.repos.audit.add({
      adminId: me.id,
      actor: me.email,
      orgId,
      action: 'export.trace',
      target: null,
      detail: { rows: [{ name: 'Trần Thị Lan' }, { name: 'Trần T. Lan' }, { name: 'Lan Trần' }, { name: 'Lê Văn Tám' }] },
    });

    expect((await call('POST', '/subjects/erase', { subject: LAN })).statusCode).toBe(200);
    const exported = ((await call('GET', '/audit')).json() as AuditList).entries.find((e) => e.action === 'export.trace')!;
    expect(exported.detail).toEqual({ rows: [{ name: '[erased]' }, { name: '[erased]' }, { name: '[erased]' }, { name: 'Lê Văn Tám' }] });
  });

  it('erases a person whose records hold no name (a site that keeps none)', async () => {
    const { site } = await seedSite(app.repos, { parentId: orgId, policy: { keptFields: ['phone'], retentionDays: 30 } });
    const { token } = await enrolDevice(app, site.id);
    await push(token, [{ kind: 'manual', subject: LAN, name: 'Trần Thị Lan', phone: LAN, idNumber: undefined }]);
    const held = (await call('POST', '/subjects/find', { subject: LAN })).json() as SubjectData;
    expect(held.checkins.map((c) => c.visitor)).toEqual([{ kind: 'manual', subject: LAN, phone: LAN }]);

    const res = await call('POST', '/subjects/erase', { subject: LAN });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ erased: 1 });
    expect(((await call('POST', '/subjects/find', { subject: LAN })).json() as SubjectData).checkins).toEqual([]);
  });

  it("names the site of a pass for a person known by nothing else", async () => {
    const site = await app.repos.sites.create({ orgId, name: 'Cổng Khách' });
    await call('POST', `/sites/${site.id}/passes`, { name: 'Nhà thầu B', phone: LAN });
    const held = (await call('POST', '/subjects/find', { subject: LAN })).json() as SubjectData;
    expect(held.passes.map((p) => [p.siteId, p.siteName, p.name])).toEqual([[site.id, 'Cổng Khách', 'Nhà thầu B']]);
  });

  it('gives two people two audit hashes and two sites two erasure keys, stable for one server secret', async () => {
    expect(await auditSubjectHash(app.repos, LAN)).not.toBe(await auditSubjectHash(app.repos, '0987654321'));
    const a = await app.repos.sites.create({ orgId, name: 'A' });
    const b = await app.repos.sites.create({ orgId, name: 'B' });
    expect(await siteErasureKey(app.repos, a.id)).not.toBe(await siteErasureKey(app.repos, b.id));

    // Hashes already stored (audit entries, kiosks' erasure lists) must still match after an upgrade: the derivation
    // is HMAC-SHA-256 under the decoded secret, recomputed here independently.
    const secret = Buffer.from(await app.repos.serverSecrets.getOrCreate('subject-hash-key'), 'base64url');
    expect(secret).toHaveLength(32);
    expect(await auditSubjectHash(app.repos, LAN)).toBe(`hmac:${createHmac('sha256', secret).update(`audit\n${LAN}`).digest('hex')}`);
    expect(await siteErasureKey(app.repos, a.id)).toBe(createHmac('sha256', secret).update(`erasure-site\n${a.id}`).digest('base64url'));
  });
});

describe('the subject-hash secret', () => {
  it('is read again after a failed read rather than failing for ever', async () => {
    let calls = 0;
    const repos = {
      serverSecrets: {
        async getOrCreate() {
          if (++calls === 1) throw new Error('database is locked');
          return Buffer.alloc(32, 1).toString('base64url');
        },
      },
    } as unknown as Repositories;
    await expect(auditSubjectHash(repos, LAN)).rejects.toThrow('database is locked');
    await expect(auditSubjectHash(repos, LAN)).resolves.toMatch(/^hmac:[0-9a-f]{64}$/);
    await auditSubjectHash(repos, LAN);
    expect(calls).toBe(2); // then kept
  });
});
