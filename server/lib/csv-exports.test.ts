import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Contact, ContactVisit, PushResponse, Visit } from '../../src/protocol';
import { loginAdmin } from '../test-support/admin';
import type { TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { checkIn, enrolDevice } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';
import { csvLine } from './csv';
import { TRACE_CONTACT_COLUMNS, TRACE_VISIT_COLUMNS, UNIT_REPORT_COLUMNS, traceContactCells, traceVisitCells } from './csv-exports';

const lines = (csv: string) => csv.slice(1).trim().split('\r\n');

describe('trace CSV rows: local times, defused cells (#10 item 12)', () => {
  const visit: Visit = {
    siteId: 'site_1', siteName: 'Cảng A', subject: '001099012345', name: '=cmd|calc',
    timeIn: '2025-03-10T01:00:00.000Z', timeOut: null, effectiveOut: '2025-03-10T16:59:59.999Z',
  };
  const contactVisit: ContactVisit = {
    siteId: 'site_1', siteName: 'Cảng A', timeIn: '2025-03-10T02:00:00.000Z', timeOut: '2025-03-10T03:00:00.000Z',
    overlapStart: '2025-03-10T02:00:00.000Z', overlapEnd: '2025-03-10T03:00:00.000Z', overlapSeconds: 3600,
  };
  const contact: Contact = { subject: 'PASS-1', name: ' -1+2', overlapSeconds: 5400, visits: [contactVisit] };

  it('writes a visit with local wall times in GATELOG_TZ, not UTC', () => {
    expect(csvLine(traceVisitCells(visit, 'Asia/Ho_Chi_Minh'))).toBe(`site_1,Cảng A,001099012345,'=cmd|calc,2025-03-10 08:00:00,,2025-03-10 23:59:59\r\n`);
  });

  it('writes a contact visit with local times and minutes', () => {
    expect(csvLine(traceContactCells(contact, contactVisit, 'Asia/Ho_Chi_Minh'))).toBe(
      `PASS-1,' -1+2,90,site_1,Cảng A,2025-03-10 09:00:00,2025-03-10 10:00:00,2025-03-10 09:00:00,2025-03-10 10:00:00,60\r\n`,
    );
    expect(TRACE_CONTACT_COLUMNS.en).toHaveLength(traceContactCells(contact, contactVisit, 'UTC').length);
    expect(TRACE_VISIT_COLUMNS.vi).toHaveLength(traceVisitCells(visit, 'UTC').length);
  });
});

describeEngines('CSV exports through the API (%s) (#10 item 12)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine, { timeZone: 'Asia/Ho_Chi_Minh' }));
  });
  afterEach(() => stopTestApp(app, t));

  it('defuses an indented org name in the unit report and follows the console language', async () => {
    const province = (await app.repos.orgs.create({ name: 'Sở Y tế' }))!;
    await app.repos.orgs.create({ name: '=HYPERLINK("http://evil.example","x")', parentId: province.id });
    const authorization = await loginAdmin(app, province.id, 'csv@example.vn');
    const get = (lang?: string) =>
      app.inject({ method: 'GET', url: `/api/v1/reports/units.csv?org=${province.id}&from=2025-03-01&to=2025-03-31${lang ? `&lang=${lang}` : ''}`, headers: { authorization } });

    const vi = lines((await get()).body);
    expect(vi[0]).toBe(UNIT_REPORT_COLUMNS.vi.join(','));
    expect(vi[2]).toBe(`"'  =HYPERLINK(""http://evil.example"",""x"")",0,0,0`);
    expect(vi.at(-1)).toBe('Tổng cộng,0,0,0');

    const en = lines((await get('en')).body);
    expect(en[0]).toBe('Unit,Location QR codes created and managed,QR code scans,Visitors (distinct)');
    expect(en.at(-1)).toBe('Total,0,0,0');
    expect((await get('fr')).statusCode).toBe(400);
  });

  it('writes trace times as local wall time in GATELOG_TZ', async () => {
    const province = (await app.repos.orgs.create({ name: 'Sở Y tế' }))!;
    const site = await app.repos.sites.create({ orgId: province.id, name: 'Cảng A' });
    const { token } = await enrolDevice(app, site.id);
    // Yesterday in Hà Nội: recent enough that the retention purge leaves it alone.
    const day = new Date(Date.now() + 7 * 3_600_000 - 86_400_000).toISOString().slice(0, 10);
    const deviceTime = Date.parse(`${day}T08:00:00+07:00`);
    const push = await app.inject({
      method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: Date.now(), records: [checkIn({ deviceTime })] },
    });
    expect((push.json() as PushResponse).results[0]!.status).toBe('accepted');
    const authorization = await loginAdmin(app, province.id, 'trace-csv@example.vn');
    const res = await app.inject({
      method: 'POST', url: '/api/v1/trace.csv', headers: { authorization },
      payload: { subject: '001099012345', part: 'visits', lang: 'en', from: `${day}T00:00:00+07:00` },
    });
    const csv = lines(res.body);
    expect(csv[0]).toBe(TRACE_VISIT_COLUMNS.en.join(','));
    expect(csv[1]).toMatch(new RegExp(`^[^,]+,Cảng A,001099012345,Nguyễn Văn A,${day} 08:00:0\\d,,\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d$`));
  });
});
