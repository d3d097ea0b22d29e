import type { FastifyInstance } from 'fastify';
import { checkinsQuerySchema, type CheckinList } from '../../../src/protocol/admin';
import { msOf, parseOr400 } from '../../lib/parse';

/** GET /api/v1/checkins?site=&from=&to=&limit= (admin token) → CheckinList, oldest first, only in scope. */
export async function checkinsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/checkins', { preHandler: app.requireAdmin }, async (request): Promise<CheckinList> => {
    const query = parseOr400(checkinsQuerySchema, request.query, 'bad_query');
    await request.scope!.readSite(query.site);
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
