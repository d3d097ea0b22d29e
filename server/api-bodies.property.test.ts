import fc from 'fast-check';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { loginAdmin } from './test-support/admin';
import { apiCase, requestOf, type FuzzWorld } from './test-support/api-fuzz';
import type { TestDatabase } from './test-support/engines';
import { describeEngines } from './test-support/describe-engines';
import { enrolDevice, seedSite } from './test-support/fixtures';
import { startTestApp, stopTestApp } from './test-support/test-app';

// Property test (#10, Fuzzing): no body or query, well-formed or not, makes the API answer 5xx. `npm run fuzz` sends
// 100k of the same requests to a real server process.
describeEngines('API bodies (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let world: FuzzWorld;
  beforeAll(async () => {
    ({ t, app } = await startTestApp(engine));
    const { org, site } = await seedSite(app.repos);
    const { token } = await enrolDevice(app, site.id);
    const adminToken = (await loginAdmin(app, org.id, 'fuzz@example.vn')).slice('Bearer '.length);
    world = { orgId: org.id, siteId: site.id, deviceToken: token, adminToken };
  });
  afterAll(() => stopTestApp(app, t));

  it('answers every request below 500, and a sync batch record by record', { timeout: 120_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(apiCase, async (c) => {
        const { method, url, headers, payload } = requestOf(c, world);
        const res = await app.inject({ method, url, headers, ...(payload ? { payload } : {}) });
        expect(res.statusCode, `${method} ${url} → ${res.body.slice(0, 200)}`).toBeLessThan(500);
        if (url.startsWith('/api/v1/sync/checkins') && res.statusCode === 200) {
          const body = res.json() as { results: Array<{ status: string; reason?: string }> };
          for (const r of body.results) if (r.status === 'rejected') expect(r.reason).toBeTruthy();
        }
      }),
      { numRuns: 400 },
    );
  });
});
