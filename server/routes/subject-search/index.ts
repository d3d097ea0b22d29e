import type { FastifyInstance } from 'fastify';
import { MAX_SUBJECT_MATCHES, subjectSearchQuerySchema, type SubjectSearch } from '../../../src/protocol/subject-search';
import { recordAudit } from '../../access/record-audit';
import { parseOr400 } from '../../lib/parse';

/**
 * POST /subject-search {q}: the people whose name matches `q` without tones or case, in the caller's sites, for a
 * data request by name (issue #11). The name travels in the body, never the URL (#10). Any role may look, as with
 * /subjects/find; it is audited without the name.
 */
export async function subjectSearchRoutes(app: FastifyInstance): Promise<void> {
  app.post('/subject-search', { preHandler: app.requireAdmin }, async (request): Promise<SubjectSearch> => {
    const { q } = parseOr400(subjectSearchQuerySchema, request.body ?? {}, 'bad_query');
    const scope = request.scope!;
    const matches = await app.repos.nameSearch.subjectsByName(q, [...(await scope.siteIds())], MAX_SUBJECT_MATCHES);
    await recordAudit(app, request, { action: 'subject.search', orgId: scope.caller.orgId, siteId: scope.caller.siteId ?? null, detail: { found: matches.length } });
    return { matches };
  });
}
