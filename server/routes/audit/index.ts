import type { FastifyInstance } from 'fastify';
import { auditQuerySchema, type AuditList } from '../../../src/protocol';
import { parseOr400 } from '../../lib/parse';

/** GET /audit?limit=: the newest audit entries about the caller's orgs (or their one site). */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get('/audit', { preHandler: app.requireAdmin }, async (request): Promise<AuditList> => {
    const q = parseOr400(auditQuerySchema, request.query, 'bad_query');
    const scope = request.scope!;
    const entries = await app.repos.audit.list(
      scope.isSiteBound ? { orgIds: [], siteIds: [...(await scope.siteIds())] } : { orgIds: [...(await scope.orgIds())], siteIds: [] },
      q.limit ?? 200,
    );
    return { entries };
  });
}
