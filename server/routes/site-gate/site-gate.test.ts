import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { siteConfigSchema, type CheckIn, type PushResponse, type SiteConfig } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import { type TestDatabase } from '../../test-support/engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import type { Site } from '../../repositories/sites';
import { startTestApp, stopTestApp } from '../../test-support/test-app';
import { startOfDay } from '../../trace/day-bounds';
import { describeEngines } from '../../test-support/describe-engines';

const TZ = 'Asia/Ho_Chi_Minh';
const HOUR = 3_600_000;

describeEngines('gate settings, direction corrections and occupancy (issue #16, %s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let site: Site;
  let admin: string;
  let kioskA: { token: string; deviceId: string };
  let kioskB: { token: string; deviceId: string };
  /** 08:00 local today, so a pull's "today" holds it (pushes are placed in true time by the batch's clock). */
  let morning: number;

  const push = async (kiosk: { token: string }, records: CheckIn[]): Promise<PushResponse> => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${kiosk.token}` },
      payload: { sentAt: Date.now(), records },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as PushResponse;
  };
  const pull = async (kiosk: { token: string }, occupancySince = 0): Promise<SiteConfig> => {
    const res = await app.inject({ method: 'GET', url: `/api/v1/sync/config?occupancySince=${occupancySince}`, headers: { authorization: `Bearer ${kiosk.token}` } });
    expect(res.statusCode).toBe(200);
    return siteConfigSchema.parse(res.json());
  };
  const hashOf = async (subject: string) => {
    const key = Buffer.from((await pull(kioskA)).erasureKey!, 'base64url');
    return createHmac('sha256', key).update(subject).digest('hex').slice(0, 32);
  };
  const setGate = (gate: unknown, auth = admin) => app.inject({ method: 'PUT', url: `/api/v1/sites/${site.id}/gate`, headers: { authorization: auth }, payload: { gate } });
  /** Times to 10 s: a pushed record is placed with the batch's clock offset, a few ms off its device time. */
  const near = (ms: number) => Math.round(ms / 10_000) * 10_000;
  const visits = async () =>
    (await app.db.selectFrom('visit').select(['subject', 'time_in', 'time_out', 'effective_out']).where('site_id', '=', site.id).orderBy('time_in').execute()).map((v) => ({
      subject: v.subject,
      timeIn: near(Number(v.time_in)),
      timeOut: v.time_out === null ? null : near(Number(v.time_out)),
      effectiveOut: near(Number(v.effective_out)),
    }));

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine, { timeZone: TZ }));
    const seeded = await seedSite(app.repos, { siteName: 'Trường THCS Hạ Long' });
    site = seeded.site;
    admin = await loginAdmin(app, seeded.org.id, 'admin@school.vn');
    kioskA = await enrolDevice(app, site.id);
    kioskB = await enrolDevice(app, site.id);
    morning = startOfDay(Date.now(), TZ) + 8 * HOUR;
  });
  afterEach(() => stopTestApp(app, t));

  it('lets an org admin set the direction mode and closing time, audited, and hands them to the kiosks', async () => {
    expect((await pull(kioskA)).gate).toEqual({ directionMode: 'toggle', closingTime: null });
    const res = await setGate({ directionMode: 'auto', closingTime: '17:30' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ siteId: site.id, gate: { directionMode: 'auto', closingTime: '17:30' } });
    expect((await pull(kioskB)).gate).toEqual({ directionMode: 'auto', closingTime: '17:30' });
    const audit = await app.db.selectFrom('audit').select(['action', 'detail']).where('site_id', '=', site.id).execute();
    expect(audit.map((a) => [a.action, JSON.parse(a.detail!)])).toContainEqual([
      'site.update',
      { before: { directionMode: 'toggle', closingTime: null }, after: { directionMode: 'auto', closingTime: '17:30' } },
    ]);
    for (const bad of [{ directionMode: 'sideways', closingTime: null }, { directionMode: 'auto', closingTime: '25:00' }, { directionMode: 'auto', closingTime: '7:30' }, {}]) {
      const refused = await setGate(bad);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ code: 'bad_request' });
    }
    const manager = await loginAdmin(app, site.orgId, 'gate@school.vn', { role: 'site_manager', siteId: site.id });
    expect((await setGate({ directionMode: 'toggle', closingTime: null }, manager)).statusCode).toBe(403);
    expect((await app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/gate`, headers: { authorization: manager } })).json()).toMatchObject({
      gate: { directionMode: 'auto', closingTime: '17:30' },
    });
  });

  it("tells each kiosk who is inside from the other kiosks' passages, as a delta since its cursor", async () => {
    const x = '001099000001';
    const y = '001099000002';
    await push(kioskA, [checkIn({ deviceTime: morning, visitor: { subject: x, idNumber: x } })]);
    await push(kioskA, [checkIn({ deviceTime: morning + 60_000, seq: 2, visitor: { subject: y, idNumber: y } })]);
    // A first pull: who is inside now (both), hashed, never the ID numbers.
    const first = await pull(kioskB);
    expect(first.occupancy!.entries.map((e) => [e.h, e.d]).sort()).toEqual([[await hashOf(x), 'in'], [await hashOf(y), 'in']].sort());
    expect(JSON.stringify(first)).not.toContain(x);
    // Then only what changed: X went out through kiosk A.
    const cursor = first.occupancy!.nextSince;
    await push(kioskA, [checkIn({ deviceTime: morning + HOUR, seq: 3, direction: 'out', visitor: { subject: x, idNumber: x } })]);
    const next = await pull(kioskB, cursor);
    expect(next.occupancy!.entries).toContainEqual({ h: await hashOf(x), d: 'out', t: expect.any(Number) });
    const hx = await hashOf(x);
    expect(next.occupancy!.entries.find((e) => e.h === hx)!.t).toBeGreaterThanOrEqual(morning + HOUR - 5_000);
    // A kiosk's delta leaves out its own passages (it knows them at once).
    expect((await pull(kioskA, cursor)).occupancy!.entries).toEqual([]);
  });

  it('applies a direction correction once, in order, from the kiosk that logged the record, and re-pairs the visit', async () => {
    const record = checkIn({ deviceTime: morning, visitor: { subject: '001099000003', idNumber: '001099000003' } });
    expect((await push(kioskA, [record])).results[0]!.status).toBe('accepted');
    expect(await visits()).toEqual([{ subject: '001099000003', timeIn: expect.any(Number), timeOut: null, effectiveOut: expect.any(Number) }]);
    const cursor = (await pull(kioskB)).occupancy!.nextSince;

    const corrected = { ...record, direction: 'out' as const, directionRevision: 1 };
    expect((await push(kioskA, [corrected])).results[0]!.status).toBe('accepted');
    const stored = await app.db.selectFrom('checkin').select(['direction', 'direction_revision']).where('id', '=', record.id).executeTakeFirstOrThrow();
    expect(stored).toEqual({ direction: 'out', direction_revision: 1 });
    // The read side follows: an OUT with no IN is a visit from the start of the day to it.
    const [visit] = await visits();
    expect(visit).toMatchObject({ timeIn: startOfDay(morning, TZ), timeOut: visit!.effectiveOut });
    // Other kiosks learn it on their next pull.
    expect((await pull(kioskB, cursor)).occupancy!.entries.map((e) => e.d)).toEqual(['out']);

    // Sent again, or an older revision arriving late: nothing changes.
    expect((await push(kioskA, [corrected])).results[0]!.status).toBe('duplicate');
    expect((await push(kioskA, [{ ...record, direction: 'in', directionRevision: 1 }])).results[0]!.status).toBe('duplicate');
    expect((await push(kioskA, [record])).results[0]!.status).toBe('duplicate');
    expect((await app.db.selectFrom('checkin').select('direction').where('id', '=', record.id).executeTakeFirstOrThrow()).direction).toBe('out');
    // Another kiosk cannot correct kiosk A's record.
    expect((await push(kioskB, [{ ...record, direction: 'in', directionRevision: 2 }])).results[0]).toMatchObject({ status: 'rejected', reason: 'id_taken' });
    // A second correction goes back to IN.
    expect((await push(kioskA, [{ ...record, direction: 'in', directionRevision: 2 }])).results[0]!.status).toBe('accepted');
    expect(await visits()).toEqual([{ subject: '001099000003', timeIn: Number(record.deviceTime), timeOut: null, effectiveOut: expect.any(Number) }]);
    // A revision out of range is refused alone, never a 500.
    expect((await push(kioskA, [{ ...record, directionRevision: 0 }])).results[0]).toMatchObject({ status: 'rejected' });
  });

  it('ends open visits at the closing time, and re-pairs the site when an admin changes it', async () => {
    const day = startOfDay(morning, TZ);
    expect((await setGate({ directionMode: 'toggle', closingTime: '17:30' })).statusCode).toBe(200);
    await app.repairClosingTimes();
    await push(kioskA, [checkIn({ deviceTime: morning, visitor: { subject: '001099000004', idNumber: '001099000004' } })]);
    expect(await visits()).toEqual([{ subject: '001099000004', timeIn: morning, timeOut: null, effectiveOut: day + 17.5 * HOUR }]);
    expect((await setGate({ directionMode: 'toggle', closingTime: '12:00' })).statusCode).toBe(200);
    await app.repairClosingTimes();
    expect(await visits()).toEqual([{ subject: '001099000004', timeIn: morning, timeOut: null, effectiveOut: day + 12 * HOUR }]);
    expect((await setGate({ directionMode: 'toggle', closingTime: null })).statusCode).toBe(200);
    await app.repairClosingTimes();
    expect(await visits()).toEqual([{ subject: '001099000004', timeIn: morning, timeOut: null, effectiveOut: day + 24 * HOUR }]);
    const site_ = await app.db.selectFrom('site').select(['closing_time', 'visits_closing_time']).where('id', '=', site.id).executeTakeFirstOrThrow();
    expect(site_).toEqual({ closing_time: null, visits_closing_time: null });
  });
});
