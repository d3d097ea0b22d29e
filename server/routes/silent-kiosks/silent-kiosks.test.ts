import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { silentKioskListSchema } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

const HOUR = 3_600_000;

describeEngines('silent kiosks (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
  });
  afterEach(() => stopTestApp(app, t));

  /** Sets when a kiosk was last heard of, as if it had synced then. */
  const lastHeard = (deviceId: string, at: number | null, pending: number | null = null) =>
    t.db.updateTable('device').set({ last_sync_at: at, pending_reported: pending }).where('id', '=', deviceId).execute();

  it('lists, for an org subtree, the kiosks quiet longer than their own site allows, with the last pending count', async () => {
    const { org, site: port } = await seedSite(app.repos, { orgName: 'Sở Y tế', siteName: 'Cảng' });
    const { site: school } = await seedSite(app.repos, { orgName: 'Trường', siteName: 'Cổng trường', parentId: org.id });
    const { org: other, site: elsewhere } = await seedSite(app.repos, { orgName: 'Tỉnh khác', siteName: 'Xa' });
    const auth = await loginAdmin(app, org.id, 'boss@example.vn');
    const now = Date.now();

    const quiet = await enrolDevice(app, port.id); // 30 h: past the port's 24 h default
    await lastHeard(quiet.deviceId, now - 30 * HOUR, 17);
    const fresh = await enrolDevice(app, port.id); // pushes now, through the real API
    const pushed = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${fresh.token}` },
      payload: { sentAt: now, pending: 1, records: [checkIn()] },
    });
    expect(pushed.statusCode).toBe(200);
    const schoolKiosk = await enrolDevice(app, school.id); // 30 h, but the school allows 48 h
    await lastHeard(schoolKiosk.deviceId, now - 30 * HOUR, 4);
    const schoolOld = await enrolDevice(app, school.id); // 60 h: past 48 h
    await lastHeard(schoolOld.deviceId, now - 60 * HOUR, 250);
    const revoked = await enrolDevice(app, port.id);
    await lastHeard(revoked.deviceId, now - 90 * HOUR);
    await app.repos.devices.revoke(revoked.deviceId);
    const foreign = await enrolDevice(app, elsewhere.id);
    await lastHeard(foreign.deviceId, now - 90 * HOUR);

    const set = await app.inject({ method: 'PUT', url: `/api/v1/sites/${school.id}/silent-after`, headers: { authorization: auth }, payload: { hours: 48 } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toEqual({ siteId: school.id, hours: 48 });
    const read = await app.inject({ method: 'GET', url: `/api/v1/sites/${school.id}/silent-after`, headers: { authorization: auth } });
    expect(read.json()).toEqual({ siteId: school.id, hours: 48 });

    const res = await app.inject({ method: 'GET', url: `/api/v1/orgs/${org.id}/silent-kiosks`, headers: { authorization: auth } });
    expect(res.statusCode, res.body).toBe(200);
    const body = silentKioskListSchema.parse(res.json());
    expect(body.kiosks.map((k) => [k.deviceId, k.siteName, k.pendingReported, k.silentAfterHours])).toEqual([
      [schoolOld.deviceId, 'Cổng trường', 250, 48],
      [quiet.deviceId, 'Cảng', 17, 24],
    ]);

    // The sub-unit alone; and another org's is out of scope, as is its site's threshold.
    const unit = await app.inject({ method: 'GET', url: `/api/v1/orgs/${school.orgId}/silent-kiosks`, headers: { authorization: auth } });
    expect(silentKioskListSchema.parse(unit.json()).kiosks.map((k) => k.deviceId)).toEqual([schoolOld.deviceId]);
    expect((await app.inject({ method: 'GET', url: `/api/v1/orgs/${other.id}/silent-kiosks`, headers: { authorization: auth } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'PUT', url: `/api/v1/sites/${elsewhere.id}/silent-after`, headers: { authorization: auth }, payload: { hours: 1 } })).statusCode).toBe(403);
  });

  it('lets viewers read but not set the threshold, and refuses hours out of bounds', async () => {
    const { org, site } = await seedSite(app.repos);
    const admin = await loginAdmin(app, org.id, 'a@example.vn');
    const viewer = await loginAdmin(app, org.id, 'v@example.vn', { role: 'viewer' });
    const put = (auth: string, hours: unknown) =>
      app.inject({ method: 'PUT', url: `/api/v1/sites/${site.id}/silent-after`, headers: { authorization: auth }, payload: { hours } });
    expect((await put(viewer, 12)).statusCode).toBe(403);
    expect((await put(admin, 0)).statusCode).toBe(400);
    expect((await put(admin, 721)).statusCode).toBe(400);
    expect((await put(admin, 1.5)).statusCode).toBe(400);
    expect((await app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/silent-after`, headers: { authorization: viewer } })).json()).toEqual({ siteId: site.id, hours: 24 });
    const audit = await t.db.selectFrom('audit').select(['action', 'detail']).execute();
    expect(audit.filter((a) => a.action === 'site.update')).toEqual([]);
  });
});
