import type { FastifyInstance } from 'fastify';
import { checkinsQuerySchema, type CheckinList } from '../../../src/protocol/admin';
import { ApiError } from '../../lib/api-error';
import { msOf, parseOr400 } from '../../lib/parse';

/** GET /api/v1/checkins?site=&from=&to=&limit= (admin token) → CheckinList, oldest first, only in scope. */
export async function checkinsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/checkins', { preHandler: app.requireAdmin }, async (request): Promise<CheckinList> => {
    const query = parseOr400(checkinsQuerySchema, request.query, 'bad_query');
    const allowed = await app.repos.scope.allowedSiteIds(request.admin!.orgId);
    if (!allowed.has(query.site)) throw new ApiError(403, 'forbidden', 'This site is not in your organisation.');
    const from = msOf(query.from);
    const to = msOf(query.to);
    const checkins = await app.repos.checkins.listAtSites(
      [query.site],
      { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) },
      query.limit ?? 1000,
    );
    return { checkins };
  });
}
