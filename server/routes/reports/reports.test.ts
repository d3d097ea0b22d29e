import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { DailyScans, Heatmap, UnitReport } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { checkIn, enrolDevice, pushCheckIns } from '../../test-support/fixtures';
import { UNIT_REPORT_HEADER } from '.';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

/** Local wall time in Asia/Ho_Chi_Minh (UTC+7) → epoch ms. */
const local = (date: string, hhmm: string) => Date.parse(`${date}T${hhmm}:00+07:00`);

describeEngines('reports (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine, { timeZone: 'Asia/Ho_Chi_Minh' }));
  });
  afterEach(() => stopTestApp(app, t));

  it('counts location QR codes, scans and distinct visitors per unit, with totals, as JSON, CSV and charts', async () => {
    const longAgo = Date.parse('2025-01-01T00:00:00Z');
    const province = (await app.repos.orgs.create({ name: 'Sở Y tế' }))!;
    const unitA = (await app.repos.orgs.create({ name: 'Cảng A', parentId: province.id }))!;
    const unitB = (await app.repos.orgs.create({ name: 'Bến B', parentId: province.id }))!;
    const a1 = await app.repos.sites.create({ orgId: unitA.id, name: 'A1' }, longAgo);
    const a2 = await app.repos.sites.create({ orgId: unitA.id, name: 'A2' }, longAgo);
    const b1 = await app.repos.sites.create({ orgId: unitB.id, name: 'B1' }, longAgo);
    await app.repos.sites.create({ orgId: unitB.id, name: 'B-later' }, Date.parse('2025-04-15T00:00:00Z')); // after the period
    const kiosk = { [a1.id]: (await enrolDevice(app, a1.id)).token, [a2.id]: (await enrolDevice(app, a2.id)).token, [b1.id]: (await enrolDevice(app, b1.id)).token };
    const rows: Array<[string, string, number]> = [
      [a1.id, 'X', local('2025-03-03', '08:15')], // Monday
      [a1.id, 'X', local('2025-03-03', '17:40')],
      [a2.id, 'Y', local('2025-03-03', '08:50')],
      [a1.id, 'Z', local('2025-03-31', '23:59')], // last minute of the period
      [b1.id, 'X', local('2025-03-04', '09:00')], // X again, in another unit
      [b1.id, 'W', local('2025-02-28', '23:59')], // before the period
      [a1.id, 'V', local('2025-04-01', '00:00')], // after it
    ];
    // Each site's kiosk sends its scans through the sync route.
    for (const [i, [site, subject, time]] of rows.entries()) {
      await pushCheckIns(app, kiosk[site]!, [checkIn({ seq: i, deviceTime: time, visitor: { kind: 'opaque', subject, idNumber: undefined, name: undefined } })]);
    }
    const auth = await loginAdmin(app, province.id, 'p@so.vn');
    const get = (url: string) => app.inject({ method: 'GET', url: `/api/v1${url}`, headers: { authorization: auth } });
    const period = 'from=2025-03-01&to=2025-03-31';

    const report = (await get(`/reports/units?org=${province.id}&${period}`)).json() as UnitReport;
    expect(report.rows.map((r) => [r.name, r.depth, r.locationCodes, r.scans, r.visitors])).toEqual([
      ['Sở Y tế', 0, 0, 0, 0],
      ['Bến B', 1, 1, 1, 1],
      ['Cảng A', 1, 2, 4, 3],
    ]);
    expect(report.totals).toEqual({ locationCodes: 3, scans: 5, visitors: 3 });

    const csv = await get(`/reports/units.csv?org=${province.id}&${period}`);
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(csv.headers['content-disposition']).toContain('attachment');
    expect(csv.body.startsWith('\uFEFF')).toBe(true);
    expect(csv.body.slice(1).split('\r\n')).toEqual([
      UNIT_REPORT_HEADER.join(','),
      'Sở Y tế,0,0,0',
      '  Bến B,1,1,1',
      '  Cảng A,2,4,3',
      'Tổng cộng,3,5,3',
      '',
    ]);
    expect(UNIT_REPORT_HEADER).toContain('Tổng số mã QR địa điểm đã tạo và quản lý');
    expect(UNIT_REPORT_HEADER).toContain('Tổng số lượt quét mã QR');

    const daily = (await get(`/reports/daily?org=${province.id}&${period}`)).json() as DailyScans;
    expect(daily.days).toHaveLength(31);
    expect(daily.days.filter((d) => d.scans > 0)).toEqual([
      { day: '2025-03-03', scans: 3 },
      { day: '2025-03-04', scans: 1 },
      { day: '2025-03-31', scans: 1 },
    ]);
    const heat = (await get(`/reports/heatmap?site=${a1.id}&${period}`)).json() as Heatmap;
    expect(heat.cells[0]![8]).toBe(1);
    expect(heat.cells[0]![17]).toBe(1);
    expect(heat.cells[0]![23]).toBe(1); // 31 March 2025 is a Monday too
    expect(heat.cells.flat().reduce((a, b) => a + b, 0)).toBe(3);

    expect((await get(`/reports/units?org=${province.id}&from=2025-03-31&to=2025-03-01`)).statusCode).toBe(400);
    expect((await get(`/reports/units?org=${province.id}&from=2020-01-01&to=2025-03-01`)).statusCode).toBe(400);
  });
});
