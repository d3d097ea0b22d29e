import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  dailyQuerySchema,
  exportLangQuerySchema,
  heatmapQuerySchema,
  MAX_REPORT_DAYS,
  reportQuerySchema,
  type DailyScans,
  type Heatmap,
  type UnitReport,
} from '../../../src/protocol';
import { recordAudit } from '../../access/record-audit';
import { ApiError } from '../../lib/api-error';
import { sendCsv } from '../../lib/csv';
import { UNIT_REPORT_COLUMNS, unitReportCsv } from '../../lib/csv-exports';
import { parseOr400 } from '../../lib/parse';
import { daysOf, localPeriod, weekdayOf } from '../../reports/local-calendar';
import { unitReport } from '../../reports/unit-report';

export interface ReportsRoutesOptions {
  timeZone: string;
}

/** The province form's column titles, verbatim (issue #5), then ours. */
export const UNIT_REPORT_HEADER = UNIT_REPORT_COLUMNS.vi;

/**
 * GET /reports/units?org&from&to (and .csv): units × (location QR codes, scans, distinct visitors) with totals;
 * GET /reports/daily?org|site&from&to: scans per local day; GET /reports/heatmap?site&from&to: weekday × hour.
 * All read the counts the read side keeps per site and local hour (issue #9), never the raw check-ins.
 */
export async function reportsRoutes(app: FastifyInstance, opts: ReportsRoutesOptions): Promise<void> {
  const tz = opts.timeZone;
  const periodOf = (q: { from: string; to: string }) => {
    const period = localPeriod(q.from, q.to, tz);
    if (period.from >= period.to) throw new ApiError(400, 'bad_query', '`from` must not be after `to`.');
    if (period.to - period.from > MAX_REPORT_DAYS * 86_400_000) throw new ApiError(400, 'bad_query', `A report covers at most ${MAX_REPORT_DAYS} days.`);
    return period;
  };
  const buildUnitReport = async (request: FastifyRequest): Promise<UnitReport> => {
    const q = parseOr400(reportQuerySchema, request.query, 'bad_query');
    const scope = request.scope!;
    const org = await scope.readOrg(q.org);
    periodOf(q);
    return unitReport(app.repos, { org, orgIds: await scope.orgIds(), siteIds: await scope.siteIds(), from: q.from, to: q.to, endsAt: localPeriod(q.from, q.to, tz).to });
  };

  app.get('/reports/units', { preHandler: app.requireAdmin }, buildUnitReport);

  app.get('/reports/units.csv', { preHandler: app.requireAdmin }, async (request, reply) => {
    const report = await buildUnitReport(request);
    await recordAudit(app, request, { action: 'export.report', orgId: report.orgId, target: report.orgId, detail: { from: report.from, to: report.to } });
    const csv = unitReportCsv(report, parseOr400(exportLangQuerySchema, request.query, 'bad_query').lang);
    return sendCsv(reply, `report-${report.from}-${report.to}.csv`, csv);
  });

  app.get('/reports/daily', { preHandler: app.requireAdmin }, async (request): Promise<DailyScans> => {
    const q = parseOr400(dailyQuerySchema, request.query, 'bad_query');
    const scope = request.scope!;
    const period = periodOf(q);
    let siteIds: string[];
    if (q.site !== undefined) siteIds = [(await scope.readSite(q.site)).id];
    else {
      await scope.readOrg(q.org!);
      const visible = await scope.siteIds();
      siteIds = [...(await app.repos.scope.allowedSiteIds(q.org!))].filter((id) => visible.has(id));
    }
    const scans = await app.repos.siteCounts.scansByDay(siteIds, q.from, q.to);
    return { days: daysOf(period, tz).map((day) => ({ day, scans: scans.get(day) ?? 0 })) };
  });

  app.get('/reports/heatmap', { preHandler: app.requireAdmin }, async (request): Promise<Heatmap> => {
    const q = parseOr400(heatmapQuerySchema, request.query, 'bad_query');
    const site = await request.scope!.readSite(q.site);
    periodOf(q);
    const cells = Array.from({ length: 7 }, () => new Array<number>(24).fill(0));
    for (const c of await app.repos.siteCounts.scansByDayHour(site.id, q.from, q.to)) cells[weekdayOf(c.day)]![c.hour]! += c.scans;
    return { siteId: site.id, cells };
  });
}
