import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { DEFAULT_POLICY, enrolResponseSchema } from '../../../src/protocol';
import { ENROL_CODE_TTL_MS, issueDevice } from '../../enrolment/issue-code';
import { sha256 } from '../../lib/secrets';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { seedSite } from '../../test-support/fixtures';
import { loginAdmin } from '../../test-support/admin';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

describeEngines('POST /api/v1/enrol (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
  });
  afterEach(() => stopTestApp(app, t));

  it('spends a one-time code for a token and the site policy; stores hashes only', async () => {
    const { site } = await seedSite(app.repos, { siteName: 'Cổng A' });
    const issued = await issueDevice(app.repos, { siteId: site.id, baseUrl: 'https://gate.example/' });
    expect(issued.code).toMatch(/^[a-z2-9]{16}$/);
    expect(issued.enrolUrl).toBe(`https://gate.example/#enrol=${issued.code}`);

    const res = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code: issued.code, appVersion: '1.2.3' } });
    expect(res.statusCode).toBe(200);
    const body = enrolResponseSchema.parse(res.json());
    expect(body.deviceId).toBe(issued.device.id);
    expect(body.site).toEqual({ id: site.id, name: 'Cổng A' });
    expect(body.policy).toEqual(DEFAULT_POLICY);
    expect(Buffer.from(body.token, 'base64url').length).toBe(32);

    const row = await t.db.selectFrom('device').selectAll().where('id', '=', body.deviceId).executeTakeFirstOrThrow();
    expect(row.token_hash).toBe(sha256(body.token));
    expect(row.enrol_code_hash).toBe(sha256(issued.code));
    expect(row.app_version).toBe('1.2.3');
    expect(typeof row.enrolled_at).toBe('number');
  });

  it('refuses a second use of the same code with 409 code_used', async () => {
    const { site } = await seedSite(app.repos);
    const { code } = await issueDevice(app.repos, { siteId: site.id, baseUrl: 'http://x' });
    const first = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code } });
    expect(first.statusCode).toBe(200);
    const second = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code } });
    expect(second.statusCode).toBe(409);
    expect(second.json()).toEqual({
      code: 'code_used',
      message: 'This enrolment code was already used. Ask an administrator for a new link.',
    });
  });

  it('lets only one of two concurrent uses win', async () => {
    const { site } = await seedSite(app.repos);
    const { code } = await issueDevice(app.repos, { siteId: site.id, baseUrl: 'http://x' });
    const answers = await Promise.all([1, 2, 3].map(() => app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code } })));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 409, 409]);
  });

  it('refuses the code of a device revoked before it enrolled with 410 revoked, and gives it no token (#13)', async () => {
    const { org, site } = await seedSite(app.repos);
    const issued = await issueDevice(app.repos, { siteId: site.id, baseUrl: 'http://x' });
    // The link leaked, or the tablet was lost: the admin revokes the kiosk before anyone opened the link.
    const admin = await loginAdmin(app, org.id, 'a@org.vn');
    expect((await app.inject({ method: 'POST', url: `/api/v1/devices/${issued.device.id}/revoke`, headers: { authorization: admin } })).statusCode).toBe(200);
    for (let attempt = 0; attempt < 2; attempt++) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code: issued.code } });
      expect(res.statusCode).toBe(410);
      expect(res.json()).toMatchObject({ code: 'revoked' });
    }
    const row = await t.db.selectFrom('device').select(['token_hash', 'enrolled_at']).where('id', '=', issued.device.id).executeTakeFirstOrThrow();
    expect(row).toEqual({ token_hash: null, enrolled_at: null });
  });

  it('refuses an expired code with 410 code_expired', async () => {
    const { site } = await seedSite(app.repos);
    const longAgo = Date.now() - ENROL_CODE_TTL_MS - 1000;
    const { code } = await issueDevice(app.repos, { siteId: site.id, baseUrl: 'http://x' }, longAgo);
    const res = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code } });
    expect(res.statusCode).toBe(410);
    expect(res.json()).toMatchObject({ code: 'code_expired' });
  });

  it('answers 404 unknown_code for a code that never existed and 400 for a malformed body', async () => {
    const unknown = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code: 'abcdefghijkm' } });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'unknown_code' });
    const bad = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'bad_request' });
  });
});
