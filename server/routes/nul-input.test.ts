import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loginAdmin } from '../test-support/admin';
import type { TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { seedSite } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';

/** Issue #10 item 1: PostgreSQL text cannot hold NUL; input carrying one is the client's mistake (400), on both engines. */
describeEngines('a NUL in admin input answers 400, never 500 (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let auth: string;
  let siteId: string;
  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    const { org, site } = await seedSite(app.repos);
    siteId = site.id;
    auth = await loginAdmin(app, org.id, 'chi@example.vn');
  });
  afterEach(() => stopTestApp(app, t));

  it('in a login email (bearer and console session)', async () => {
    for (const url of ['/api/v1/auth/login', '/api/v1/auth/session']) {
      const res = await app.inject({ method: 'POST', url, payload: { email: 'chi\u0000@example.vn', password: 'x' } });
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'bad_request', message: expect.stringContaining('email') });
    }
  });

  it('in the live-log search and a data request', async () => {
    const log = await app.inject({ method: 'GET', url: `/api/v1/sites/${siteId}/log?q=Nguy%00n`, headers: { authorization: auth } });
    expect(log.statusCode).toBe(400);
    expect(log.json()).toMatchObject({ code: 'bad_query', message: expect.stringContaining('q') });
    const find = await app.inject({ method: 'POST', url: '/api/v1/subjects/find', headers: { authorization: auth }, payload: { subject: '0010\u000099012345' } });
    expect(find.statusCode).toBe(400);
  });
});
