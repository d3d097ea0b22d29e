import type { FastifyInstance } from 'fastify';
import { eraseResultSchema, subjectRequestSchema, type EraseResult, type SubjectData } from '../../../src/protocol/subjects';
import { recordAudit } from '../../access/record-audit';
import { parseOr400 } from '../../lib/parse';
import { eraseSubjectData, findSubjectData } from '../../subjects/subject-data';

/**
 * A visitor's request to see or erase their data (issue #6), always limited to the caller's sites:
 * POST /subjects/find (any role, audited) and POST /subjects/erase (organisation admins only). The subject
 * travels in the body, never in the URL (issue #10: URLs reach logs and proxies).
 * The audit log stores a keyed hash of the subject (recordAudit's `subject`), never the subject itself.
 */
export async function subjectsRoutes(app: FastifyInstance): Promise<void> {
  const pre = { preHandler: app.requireAdmin };

  app.post('/subjects/find', pre, async (request): Promise<SubjectData> => {
    const { subject } = parseOr400(subjectRequestSchema, request.body, 'bad_request');
    const scope = request.scope!;
    const data = await findSubjectData(app.repos, subject, [...(await scope.siteIds())]);
    await recordAudit(app, request, { action: 'subject.view', orgId: scope.caller.orgId, siteId: scope.caller.siteId ?? null, subject });
    return data;
  });

  app.post('/subjects/erase', pre, async (request): Promise<EraseResult> => {
    const { subject } = parseOr400(subjectRequestSchema, request.body, 'bad_request');
    const scope = request.scope!;
    scope.assertCanErase();
    const counts = await eraseSubjectData(app.repos, subject, { siteIds: [...(await scope.siteIds())], orgIds: [...(await scope.orgIds())] });
    await recordAudit(app, request, { action: 'subject.erase', orgId: scope.caller.orgId, subject, detail: { ...counts } });
    return eraseResultSchema.parse({ erased: counts.checkins + counts.rosterEntries + counts.passes });
  });
}
