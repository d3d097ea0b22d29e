import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { TRACE_PAGE_DEFAULT, TRACE_PAGE_MAX, traceCsvQuerySchema, traceQuerySchema, type TraceQuery, type TraceResult } from '../../../src/protocol';
import { recordAudit } from '../../access/record-audit';
import { ApiError } from '../../lib/api-error';
import { CSV_BOM, csvLine, sendCsv } from '../../lib/csv';
import { TRACE_CONTACT_COLUMNS, TRACE_VISIT_COLUMNS, traceContactCells, traceVisitCells } from '../../lib/csv-exports';
import { msOf, parseOr400 } from '../../lib/parse';
import { allContacts, traceSubject, type TraceInput } from '../../trace/trace-subject';

export interface TraceRoutesOptions {
  timeZone: string;
}

/**
 * POST /api/v1/trace {subject, from?, to?, limit?, cursor?} (admin) → TraceResult: the subject's visits and one
 * page of contacts grouped per person, limited to the caller's scope;
 * POST /api/v1/trace.csv {…, part: visits|contacts} → every row as streamed CSV. The subject is personal data:
 * it travels in the body (never a URL, which reaches logs), and each call is audited.
 */
export async function traceRoutes(app: FastifyInstance, opts: TraceRoutesOptions): Promise<void> {
  const inputOf = async (request: FastifyRequest, query: TraceQuery, limit: number): Promise<TraceInput> => {
    const from = msOf(query.from);
    const to = msOf(query.to);
    if (from !== undefined && to !== undefined && from >= to) throw new ApiError(400, 'bad_query', '`from` must be before `to`.');
    return {
      subject: query.subject,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      allowedSiteIds: await request.scope!.siteIds(),
      timeZone: opts.timeZone,
      limit,
      cursor: query.cursor ?? null,
    };
  };
  const audit = (request: FastifyRequest, action: 'trace.view' | 'export.trace', query: TraceQuery, part?: string) =>
    recordAudit(app, request, {
      action,
      orgId: request.admin!.orgId,
      siteId: request.admin!.siteId ?? null,
      // The subject is stored as a keyed hash, never in clear (#10).
      subject: query.subject,
      detail: { from: query.from ?? null, to: query.to ?? null, ...(part ? { part } : {}) },
    });

  app.post('/trace', { preHandler: app.requireAdmin }, async (request): Promise<TraceResult> => {
    const query = parseOr400(traceQuerySchema, request.body ?? {}, 'bad_query');
    const result = await traceSubject(app.repos, await inputOf(request, query, query.limit ?? TRACE_PAGE_DEFAULT));
    // The first page is the view; following pages of the same trace are not audited again.
    if (!query.cursor) await audit(request, 'trace.view', query);
    return result;
  });

  app.post('/trace.csv', { preHandler: app.requireAdmin }, async (request, reply) => {
    const query = parseOr400(traceCsvQuerySchema, request.body ?? {}, 'bad_query');
    const input = await inputOf(request, query, TRACE_PAGE_MAX);
    await audit(request, 'export.trace', query, query.part);
    const lines = async function* (): AsyncGenerator<string> {
      yield CSV_BOM;
      if (query.part === 'visits') {
        yield csvLine(TRACE_VISIT_COLUMNS[query.lang]);
        const { visits } = await traceSubject(app.repos, { ...input, limit: 1 });
        for (const v of visits) yield csvLine(traceVisitCells(v, opts.timeZone));
        return;
      }
      yield csvLine(TRACE_CONTACT_COLUMNS[query.lang]);
      for await (const page of allContacts(app.repos, input)) {
        let chunk = '';
        for (const c of page.contacts) {
          for (const v of c.visits) {
            chunk += csvLine(traceContactCells(c, v, opts.timeZone));
          }
        }
        yield chunk;
      }
    };
    return sendCsv(reply, `trace-${query.part}.csv`, Readable.from(lines()));
  });
}
