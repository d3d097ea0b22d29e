import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { Direction, TraceResult } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { checkIn, enrolDevice, pushCheckIns, seedSite } from '../../test-support/fixtures';
import { startTestApp, stopTestApp } from '../../test-support/test-app';
import { TRACE_CONTACT_COLUMNS } from '../../lib/csv-exports';

/** Local wall time in Asia/Ho_Chi_Minh (UTC+7) on 2025-03-<day> → epoch ms. */
const local = (hhmm: string, day = 10) => Date.parse(`2025-03-${String(day).padStart(2, '0')}T${hhmm}:00+07:00`);
const Z = (hhmm: string, day = 10) => new Date(local(hhmm, day)).toISOString();

const S = '001099000001';
const P2 = '001099000002';
const P3 = 'PASS-3';
const P4 = '001099000004';
const P5 = '001099000005';
const P6 = '001099000006';
const P7 = '001099000007';

describeEngines('trace (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let seq = 0;

  /** Sends check-ins as the kiosk holding `token` through the sync route, each stored at exactly its given time. */
  const store = async (token: string, rows: Array<[string, Direction, number, string?]>) =>
    pushCheckIns(
      app,
      token,
      rows.map(([subject, direction, time, name]) =>
        checkIn({ seq: ++seq, direction, deviceTime: time, visitor: { kind: subject.startsWith('PASS') ? 'pass' : 'cccd', subject, idNumber: undefined, name } }),
      ),
    );

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine, { timeZone: 'Asia/Ho_Chi_Minh' }));
  });
  afterEach(() => stopTestApp(app, t));

  it('gives the exact visits and contacts of a scripted day at two sites', async () => {
    const { org, site: a } = await seedSite(app.repos, { siteName: 'Gate A' });
    const b = await app.repos.sites.create({ orgId: org.id, name: 'Gate B' });
    const kioskA = (await enrolDevice(app, a.id)).token;
    const kioskB = (await enrolDevice(app, b.id)).token;
    await store(kioskA, [
      [P7, 'in', local('09:00', 9)], // previous day: no contact
      [P7, 'out', local('10:00', 9)],
      [S, 'in', local('08:00'), 'Alice'],
      [P3, 'out', local('08:30')], // OUT only: counts from 00:00
      [P2, 'in', local('09:00'), 'Bình'],
      [S, 'out', local('10:00'), 'Alice'],
      [P4, 'in', local('10:00')], // starts as S leaves: touching, no contact
      [P4, 'out', local('10:30')],
      [P2, 'out', local('11:00'), 'Bình'],
    ]);
    await store(kioskB, [
      [P5, 'in', local('12:00')],
      [S, 'in', local('13:00'), 'Alice'], // never scans out: open until midnight
      [P5, 'in', local('14:00')], // second IN closes the first P5 visit
      [P5, 'out', local('15:00')],
      [P2, 'in', local('16:00'), 'Bình'],
      [P2, 'out', local('16:30'), 'Bình'],
      [P6, 'in', local('20:00')],
    ]);
    const auth = await loginAdmin(app, org.id, 'admin@a.vn');

    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/trace',
      payload: { subject: S, from: '2025-03-10T00:00:00+07:00', to: '2025-03-11T00:00:00+07:00' },
      headers: { authorization: auth },
    });
    expect(res.statusCode).toBe(200);
    const expected: TraceResult = {
      subject: S,
      visits: [
        { siteId: a.id, siteName: 'Gate A', subject: S, name: 'Alice', timeIn: Z('08:00'), timeOut: Z('10:00'), effectiveOut: Z('10:00') },
        { siteId: b.id, siteName: 'Gate B', subject: S, name: 'Alice', timeIn: Z('13:00'), timeOut: null, effectiveOut: Z('00:00', 11) },
      ],
      // One row per person, longest total overlap first; each with the visits that overlapped.
      contacts: [
        { subject: P6, overlapSeconds: 14_400, visits: [
          { siteId: b.id, siteName: 'Gate B', timeIn: Z('20:00'), timeOut: null, overlapStart: Z('20:00'), overlapEnd: Z('00:00', 11), overlapSeconds: 14_400 },
        ] },
        { subject: P5, overlapSeconds: 7_200, visits: [
          { siteId: b.id, siteName: 'Gate B', timeIn: Z('12:00'), timeOut: null, overlapStart: Z('13:00'), overlapEnd: Z('14:00'), overlapSeconds: 3_600 },
          { siteId: b.id, siteName: 'Gate B', timeIn: Z('14:00'), timeOut: Z('15:00'), overlapStart: Z('14:00'), overlapEnd: Z('15:00'), overlapSeconds: 3_600 },
        ] },
        { subject: P2, name: 'Bình', overlapSeconds: 5_400, visits: [
          { siteId: a.id, siteName: 'Gate A', timeIn: Z('09:00'), timeOut: Z('11:00'), overlapStart: Z('09:00'), overlapEnd: Z('10:00'), overlapSeconds: 3_600 },
          { siteId: b.id, siteName: 'Gate B', timeIn: Z('16:00'), timeOut: Z('16:30'), overlapStart: Z('16:00'), overlapEnd: Z('16:30'), overlapSeconds: 1_800 },
        ] },
        { subject: P3, overlapSeconds: 1_800, visits: [
          { siteId: a.id, siteName: 'Gate A', timeIn: Z('00:00'), timeOut: Z('08:30'), overlapStart: Z('08:00'), overlapEnd: Z('08:30'), overlapSeconds: 1_800 },
        ] },
      ],
      totalContacts: 4,
      nextCursor: null,
    };
    expect(res.json()).toEqual(expected);

    // Without a range the answer is the same (all of S's history is that one day).
    const unbounded = await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: S }, headers: { authorization: auth } });
    expect(unbounded.json()).toEqual(expected);

    // Paged: two per page, the cursor continues where the first page ended, every page knows the total.
    const page1 = (await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: S, limit: 2 }, headers: { authorization: auth } })).json() as TraceResult;
    expect(page1.contacts.map((c) => c.subject)).toEqual([P6, P5]);
    expect(page1.totalContacts).toBe(4);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: S, limit: 2, cursor: page1.nextCursor }, headers: { authorization: auth } })).json() as TraceResult;
    expect(page2.contacts).toEqual(expected.contacts.slice(2));
    expect(page2.totalContacts).toBe(4);

    // The CSV streams every contact visit, one line each, with the person's total.
    const csv = await app.inject({ method: 'POST', url: '/api/v1/trace.csv', payload: { subject: S, part: 'contacts' }, headers: { authorization: auth } });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(TRACE_CONTACT_COLUMNS.vi.join(',')); // the console's language; Vietnamese when not given
    expect(lines.slice(1).map((l) => l.split(',').slice(0, 3).join(','))).toEqual([`${P6},,240`, `${P5},,120`, `${P5},,120`, `${P2},Bình,90`, `${P2},Bình,90`, `${P3},,30`]);

    // A range that ends before S arrived at B keeps only the Gate A visit.
    const morning = await app.inject({
      method: 'POST',
      url: '/api/v1/trace',
      payload: { subject: S, from: '2025-03-10T00:00:00+07:00', to: '2025-03-10T12:00:00+07:00' },
      headers: { authorization: auth },
    });
    const m = morning.json() as TraceResult;
    expect(m.visits.map((v) => v.siteName)).toEqual(['Gate A']);
    expect(m.contacts.map((c) => c.subject)).toEqual([P2, P3]);
  });

  it('needs an admin token and a valid query', async () => {
    const noAuth = await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: S } });
    expect(noAuth.statusCode).toBe(401);
    expect(noAuth.json()).toMatchObject({ code: 'unauthorized' });
    const { org } = await seedSite(app.repos);
    const auth = await loginAdmin(app, org.id, 'x@y.vn');
    const bad = await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: '1', from: 'yesterday' }, headers: { authorization: auth } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'bad_query' });
    // PostgreSQL text cannot hold NUL: a subject with one is a bad query, not a server error (issue #10).
    const nul = await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: '0010\u000099' }, headers: { authorization: auth } });
    expect(nul.statusCode).toBe(400);
    // A device token is not an admin token.
    const { site } = await seedSite(app.repos);
    const device = await enrolDevice(app, site.id);
    const asDevice = await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: S }, headers: { authorization: `Bearer ${device.token}` } });
    expect(asDevice.statusCode).toBe(401);
  });

  it('limits trace and check-in listing to the admin org subtree', async () => {
    const province = await app.repos.orgs.create({ name: 'Province' });
    const orgA = await app.repos.orgs.create({ name: 'District A', parentId: province!.id });
    const unitA = await app.repos.orgs.create({ name: 'Unit A1', parentId: orgA!.id });
    const orgB = await app.repos.orgs.create({ name: 'District B', parentId: province!.id });
    const siteA = await app.repos.sites.create({ orgId: unitA!.id, name: 'A1 gate' });
    const siteB = await app.repos.sites.create({ orgId: orgB!.id, name: 'B gate' });
    await store((await enrolDevice(app, siteA.id)).token, [
      [S, 'in', local('08:00')],
      [P2, 'in', local('08:10')],
    ]);
    await store((await enrolDevice(app, siteB.id)).token, [
      [S, 'in', local('15:00')],
      [P3, 'in', local('15:10')],
    ]);
    const adminA = await loginAdmin(app, orgA!.id, 'a@district.vn');
    const adminB = await loginAdmin(app, orgB!.id, 'b@district.vn');
    const adminP = await loginAdmin(app, province!.id, 'p@province.vn');
    const trace = async (auth: string) =>
      (await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: S }, headers: { authorization: auth } })).json() as TraceResult;

    const seenByA = await trace(adminA);
    expect(seenByA.visits.map((v) => v.siteId)).toEqual([siteA.id]);
    expect(seenByA.contacts.map((c) => c.subject)).toEqual([P2]);
    const seenByB = await trace(adminB);
    expect(seenByB.visits.map((v) => v.siteId)).toEqual([siteB.id]);
    expect(seenByB.contacts.map((c) => c.subject)).toEqual([P3]);
    const seenByP = await trace(adminP);
    expect(seenByP.visits.map((v) => v.siteId)).toEqual([siteA.id, siteB.id]);

    const list = (auth: string, siteId: string) =>
      app.inject({ method: 'GET', url: `/api/v1/checkins?site=${siteId}`, headers: { authorization: auth } });
    const own = await list(adminA, siteA.id);
    expect(own.statusCode).toBe(200);
    expect((own.json() as { checkins: Array<{ visitor: { subject: string } }> }).checkins.map((c) => c.visitor.subject)).toEqual([S, P2]);
    const foreign = await list(adminA, siteB.id);
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toEqual({ code: 'forbidden', message: 'This site is not in your organisation.', params: { reason: 'site_scope' } });
    expect((await list(adminB, siteA.id)).statusCode).toBe(403);
    expect((await list(adminP, siteB.id)).statusCode).toBe(200);
  });
});
