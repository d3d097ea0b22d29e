import type { FastifyInstance } from 'fastify';
import { traceQuerySchema, type TraceResult } from '../../../src/protocol';
import { ApiError } from '../../lib/api-error';
import { msOf, parseOr400 } from '../../lib/parse';
import { traceSubject } from '../../trace/trace-subject';

export interface TraceRoutesOptions {
  timeZone: string;
}

/** GET /api/v1/trace?subject=&from=&to= (admin token) → TraceResult, limited to the admin's org subtree. */
export async function traceRoutes(app: FastifyInstance, opts: TraceRoutesOptions): Promise<void> {
  app.get('/trace', { preHandler: app.requireAdmin }, async (request): Promise<TraceResult> => {
    const query = parseOr400(traceQuerySchema, request.query, 'bad_query');
    const from = msOf(query.from);
    const to = msOf(query.to);
    if (from !== undefined && to !== undefined && from >= to) throw new ApiError(400, 'bad_query', '`from` must be before `to`.');
    const allowedSiteIds = await app.repos.scope.allowedSiteIds(request.admin!.orgId);
    return traceSubject(app.repos, {
      subject: query.subject,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      allowedSiteIds,
      timeZone: opts.timeZone,
    });
  });
}
