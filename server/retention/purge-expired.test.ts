import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { PERSONAL_FIELDS, type CheckinList, type UnitReport } from '../../src/protocol';
import { buildApp } from '../app';
import { issueSignedPass } from '../passes/pass-signer';
import { loginAdmin } from '../test-support/admin';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { checkIn, enrolDevice, pushCheckIns, seedSite } from '../test-support/fixtures';
import { findPersonalData, PERSON, PERSON_NEEDLES, PERSON_VISITS } from '../test-support/personal-data';
import { purgeExpired } from './purge-expired';
import { RETENTION_INTERVAL_MS } from '../plugins/retention-job';
import { startTestApp, stopTestApp } from '../test-support/test-app';

const DAY = 86_400_000;
/** The controllable clock: a fixed "now" in the middle of a month (Asia/Ho_Chi_Minh). */
const NOW = Date.parse('2025-06-20T12:00:00+07:00');

describeEngines('server retention (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;

  beforeEach(async () => {
    t = await openTestDatabase(engine);
    // The hourly job stays off: this test drives the clock itself.
    app = await buildApp(t.config, { db: t.db, logger: false, retentionJob: false });
    await app.ready();
  });
  afterEach(() => stopTestApp(app, t));

  it('anonymises check-ins past each site retention, leaves younger ones, and reports still count the scans', async () => {
    const { org, site: week } = await seedSite(app.repos, { siteName: 'Keeps 7 days', policy: { keptFields: ['name', 'idNumber'], retentionDays: 7 } });
    const month = await app.repos.sites.create({ orgId: org.id, name: 'Keeps 30 days', policy: { keptFields: ['name'], retentionDays: 30 } });
    const kioskWeek = (await enrolDevice(app, week.id)).token;
    const kioskMonth = (await enrolDevice(app, month.id)).token;
    // Sent by each site's kiosk through the sync route: stored with only the fields its site keeps.
    const visit = (daysAgo: number, subject: string, seq: number) =>
      checkIn({ seq, deviceTime: NOW - daysAgo * DAY, visitor: { subject, idNumber: subject, name: `Người ${subject}` } });
    await pushCheckIns(app, kioskWeek, [
      visit(10, '001099000001', 1), // past 7 days
      visit(8, '001099000002', 2), // past 7 days
      visit(3, '001099000001', 3), // young
    ]);
    await pushCheckIns(app, kioskMonth, [
      visit(10, '001099000003', 1), // young for a 30-day site
      visit(40, '001099000004', 2), // past 30 days (previous month)
    ]);

    const visitsOf = async () => (await t.db.selectFrom('visit').select(['subject', 'time_in']).orderBy('time_in').orderBy('subject').execute()).map((v) => v.subject);
    const scans = async () => Number((await t.db.selectFrom('site_hour_count').select((eb) => eb.fn.sum('scans').as('n')).executeTakeFirstOrThrow()).n);
    expect(await visitsOf()).toEqual(['001099000004', '001099000001', '001099000003', '001099000002', '001099000001']);
    expect(await purgeExpired(app.repos, NOW)).toEqual({ anonymised: 3, passes: 0 });
    expect(await purgeExpired(app.repos, NOW)).toEqual({ anonymised: 0, passes: 0 }); // idempotent
    // The read side follows (issue #9): purged visits are gone from trace's table, the scan counts stay.
    expect(await visitsOf()).toEqual(['001099000003', '001099000001']);
    expect(await scans()).toBe(5);

    const admin = await loginAdmin(app, org.id, 'a@org.vn');
    const log = async (siteId: string) =>
      ((await app.inject({ method: 'GET', url: `/api/v1/sites/${siteId}/log`, headers: { authorization: admin } })).json() as CheckinList).checkins.map((c) => c.visitor);
    expect(await log(week.id)).toEqual([
      { kind: 'cccd', subject: '001099000001', name: 'Người 001099000001', idNumber: '001099000001' },
      { kind: 'cccd', subject: 'purged' },
      { kind: 'cccd', subject: 'purged' },
    ]);
    expect(await log(month.id)).toEqual([{ kind: 'cccd', subject: '001099000003', name: 'Người 001099000003' }, { kind: 'cccd', subject: 'purged' }]);

    // The report over both months: every scan still counts; anonymised rows are no visitor.
    const report = (await app.inject({ method: 'GET', url: `/api/v1/reports/units?org=${org.id}&from=2025-05-01&to=2025-06-30`, headers: { authorization: admin } })).json() as UnitReport;
    expect(report.totals).toMatchObject({ scans: 5, visitors: 2 });
    // Tracing the placeholder finds nobody, and a purged row is nobody's contact.
    const trace = (await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: 'purged' }, headers: { authorization: admin } })).json();
    expect(trace).toMatchObject({ visits: [], contacts: [] });

    // Five days on, the 3-day-old row of the week site is 8 days old: it goes too.
    expect(await purgeExpired(app.repos, NOW + 5 * DAY)).toEqual({ anonymised: 1, passes: 0 });
  });

  it('clears every column that holds personal data, in every table, once the site no longer keeps it (#13)', async () => {
    const { org, site } = await seedSite(app.repos, { policy: { keptFields: [...PERSONAL_FIELDS], retentionDays: 7 } });
    const kiosk = await enrolDevice(app, site.id);
    const at = Date.now() - 3_600_000;
    const visits = PERSON_VISITS.flatMap((visitor, i) => (['in', 'out'] as const).map((direction, j) => ({ visitor, direction, deviceTime: at + i * 600_000 + j * 60_000 })));
    await pushCheckIns(app, kiosk.token, visits.map((v, i) => checkIn({ seq: i + 1, ...v })));
    const admin = await loginAdmin(app, org.id, 'a@org.vn');
    const pass = await app.inject({ method: 'POST', url: `/api/v1/sites/${site.id}/passes`, headers: { authorization: admin }, payload: { name: PERSON.name, phone: PERSON.phone, idNumber: PERSON.idNumber } });
    expect(pass.statusCode).toBe(200);
    // What the checker sees before the purge: it can find each kind of column that holds the person.
    expect(await findPersonalData(t.db, PERSON_NEEDLES)).toEqual(
      expect.arrayContaining(['checkin.name', 'checkin.name_folded', 'checkin.subject', 'checkin.visitor', 'issued_pass.id_number', 'issued_pass.name', 'issued_pass.phone', 'visit.subject']),
    );
    expect(await purgeExpired(app.repos, Date.now() + 8 * DAY)).toEqual({ anonymised: 4, passes: 1 });
    expect(await findPersonalData(t.db, PERSON_NEEDLES)).toEqual([]);
  });

  it('runs at start, then every hour while open, and never again once the app is closed (#13)', async () => {
    // Only the interval is faked: the database, Fastify and vi.waitFor keep real time.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const job = await buildApp(t.config, { db: t.db, logger: false });
    try {
      const { site } = await seedSite(app.repos, { policy: { keptFields: ['name'], retentionDays: 1 } });
      const kiosk = await enrolDevice(app, site.id);
      let seq = 0;
      const visitOf3DaysAgo = (subject: string) =>
        pushCheckIns(app, kiosk.token, [checkIn({ seq: ++seq, deviceTime: Date.now() - 3 * DAY - seq, visitor: { kind: 'opaque', subject, idNumber: undefined, name: undefined } })]);
      const subjects = async () => (await app.repos.checkins.listAtSites([site.id], {})).map((c) => c.visitor.subject).sort();

      await visitOf3DaysAgo('X1');
      await job.ready(); // the first purge runs in the background once the app is ready
      await vi.waitFor(async () => expect(await subjects()).toEqual(['purged']), { timeout: 10_000 });
      await visitOf3DaysAgo('X2');
      vi.advanceTimersByTime(RETENTION_INTERVAL_MS); // an hour on: the job runs again
      await vi.waitFor(async () => expect(await subjects()).toEqual(['purged', 'purged']), { timeout: 10_000 });

      await job.close();
      expect(vi.getTimerCount()).toBe(0); // no interval left behind
      await visitOf3DaysAgo('X3');
      vi.advanceTimersByTime(3 * RETENTION_INTERVAL_MS);
      await new Promise((r) => setTimeout(r, 500)); // time for a purge that should not run
      expect(await subjects()).toEqual(['X3', 'purged', 'purged']);
    } finally {
      await job.close();
      vi.useRealTimers();
    }
  });

  it('drops the personal fields of passes issued before each site keeps them, counts them once, and keeps younger ones', async () => {
    const { org, site: week } = await seedSite(app.repos, { policy: { keptFields: ['name', 'phone'], retentionDays: 7 } });
    const month = await app.repos.sites.create({ orgId: org.id, name: 'Keeps 30 days', policy: { keptFields: ['name', 'phone'], retentionDays: 30 } });
    const issue = (siteId: string, name: string, phone: string, daysAgo: number) =>
      issueSignedPass(app.repos, { siteId, issuedBy: 'admin', name, phone }, NOW - daysAgo * DAY);
    const old = await issue(week.id, 'Trần Thị Cũ', '0901000001', 10);
    const young = await issue(week.id, 'Lê Văn Mới', '0901000002', 3);
    const kept = await issue(month.id, 'Phạm Thị Giữ', '0901000003', 10);

    expect(await purgeExpired(app.repos, NOW)).toEqual({ anonymised: 0, passes: 1 });
    expect(await purgeExpired(app.repos, NOW)).toEqual({ anonymised: 0, passes: 0 }); // idempotent

    // A data request for the old pass's phone finds nothing any more; the pass id still finds the anonymised record.
    expect(await app.repos.issuedPasses.findBySubject('0901000001', [week.id])).toEqual([]);
    expect(await app.repos.issuedPasses.findBySubject(old.passId, [week.id])).toMatchObject([{ name: 'purged', phone: null, id_number: null }]);
    expect(await app.repos.issuedPasses.findBySubject('0901000002', [week.id])).toMatchObject([{ pass_id: young.passId, name: 'Lê Văn Mới' }]);
    expect(await app.repos.issuedPasses.findBySubject('0901000003', [month.id])).toMatchObject([{ pass_id: kept.passId, name: 'Phạm Thị Giữ' }]);

    // Twenty-five days on, the month site's pass and the week site's young one go too.
    expect(await purgeExpired(app.repos, NOW + 25 * DAY)).toEqual({ anonymised: 0, passes: 2 });
  });
});
