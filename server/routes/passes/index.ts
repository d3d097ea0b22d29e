import type { FastifyInstance } from 'fastify';
import { idParamsSchema } from '../../../src/protocol/console';
import { issuePassRequestSchema, type IssuedPass } from '../../../src/protocol/passes';
import { recordAudit } from '../../access/record-audit';
import { parseOr400 } from '../../lib/parse';
import { issueSignedPass } from '../../passes/pass-signer';

/** POST /sites/:id/passes: an admin or the site's manager issues a signed pass (e.g. for a contractor). */
export async function passesRoutes(app: FastifyInstance): Promise<void> {
  app.post('/sites/:id/passes', { preHandler: app.requireAdmin }, async (request): Promise<IssuedPass> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const body = parseOr400(issuePassRequestSchema, request.body, 'bad_request');
    const site = await request.scope!.manageSite(id);
    const issued = await issueSignedPass(app.repos, { ...body, siteId: site.id, issuedBy: request.admin!.id });
    // The pass id only: the visitor's name and numbers stay out of the audit log.
    await recordAudit(app, request, { action: 'pass.issue', orgId: site.orgId, siteId: site.id, target: issued.passId, detail: { validUntil: body.validUntil ?? null } });
    return issued;
  });
}
