import type { FastifyInstance, FastifyRequest } from 'fastify';
import { traceCsvQuerySchema, traceQuerySchema, type TraceQuery, type TraceResult } from '../../../src/protocol';
import { recordAudit } from '../../access/record-audit';
import { ApiError } from '../../lib/api-error';
import { sendCsv, toCsv } from '../../lib/csv';
import { msOf, parseOr400 } from '../../lib/parse';
import { traceSubject } from '../../trace/trace-subject';

export interface TraceRoutesOptions {
  timeZone: string;
}

/**
 * GET /api/v1/trace?subject=&from=&to= (admin) → TraceResult, limited to the caller's scope;
 * GET /api/v1/trace.csv?…&part=visits|contacts → the same as CSV. Both are personal data: each is audited.
 */
export async function traceRoutes(app: FastifyInstance, opts: TraceRoutesOptions): Promise<void> {
  const run = async (request: FastifyRequest, query: TraceQuery): Promise<TraceResult> => {
    const from = msOf(query.from);
    const to = msOf(query.to);
    if (from !== undefined && to !== undefined && from >= to) throw new ApiError(400, 'bad_query', '`from` must be before `to`.');
    return traceSubject(app.repos, {
      subject: query.subject,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      allowedSiteIds: await request.scope!.siteIds(),
      timeZone: opts.timeZone,
    });
  };
  const audit = (request: FastifyRequest, action: 'trace.view' | 'export.trace', query: TraceQuery, part?: string) =>
    recordAudit(app, request, {
      action,
      orgId: request.admin!.orgId,
      siteId: request.admin!.siteId ?? null,
      target: query.subject,
      detail: { from: query.from ?? null, to: query.to ?? null, ...(part ? { part } : {}) },
    });

  app.get('/trace', { preHandler: app.requireAdmin }, async (request): Promise<TraceResult> => {
    const query = parseOr400(traceQuerySchema, request.query, 'bad_query');
    const result = await run(request, query);
    await audit(request, 'trace.view', query);
    return result;
  });

  app.get('/trace.csv', { preHandler: app.requireAdmin }, async (request, reply) => {
    const query = parseOr400(traceCsvQuerySchema, request.query, 'bad_query');
    const result = await run(request, query);
    await audit(request, 'export.trace', query, query.part);
    const csv =
      query.part === 'visits'
        ? toCsv(
            ['site_id', 'site', 'subject', 'name', 'time_in', 'time_out', 'counted_until'],
            result.visits.map((v) => [v.siteId, v.siteName, v.subject, v.name, v.timeIn, v.timeOut, v.effectiveOut]),
          )
        : toCsv(
            ['subject', 'name', 'site_id', 'site', 'time_in', 'time_out', 'overlap_start', 'overlap_end', 'overlap_minutes'],
            result.contacts.map((c) => [c.subject, c.name, c.siteId, c.siteName, c.timeIn, c.timeOut, c.overlapStart, c.overlapEnd, Math.round(c.overlapSeconds / 60)]),
          );
    return sendCsv(reply, `trace-${query.part}.csv`, csv);
  });
}
