import type { FastifyInstance } from 'fastify';
import { createOrgSchema, idParamsSchema, updateOrgSchema, type OrgTree, type OrgView } from '../../../src/protocol';
import { recordAudit } from '../../access/record-audit';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';
import { OrgTreeRefused } from '../../repositories/orgs';

/** A refused tree change as the API answers it (409 `cycle` or `too_deep`). */
async function orTreeConflict<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } catch (e) {
    if (e instanceof OrgTreeRefused) throw new ApiError(409, e.code, e.message);
    throw e;
  }
}

/** GET /orgs → the caller's part of the tree (orgs and sites); POST /orgs; PATCH /orgs/:id (rename, move). */
export async function orgsRoutes(app: FastifyInstance): Promise<void> {
  app.get('/orgs', { preHandler: app.requireAdmin }, async (request): Promise<OrgTree> => {
    const scope = request.scope!;
    const [orgs, sites] = await Promise.all([
      app.repos.orgs.listByIds([...(await scope.orgIds())]),
      app.repos.sites.listByIds([...(await scope.siteIds())]),
    ]);
    return { orgs, sites };
  });

  app.post('/orgs', { preHandler: app.requireAdmin }, async (request): Promise<OrgView> => {
    const body = parseOr400(createOrgSchema, request.body, 'bad_request');
    await request.scope!.manageOrg(body.parentId);
    const org = await orTreeConflict(app.repos.orgs.create({ name: body.name, parentId: body.parentId }));
    if (!org) throw new ApiError(409, 'conflict', 'The parent organisation no longer exists.');
    await recordAudit(app, request, { action: 'org.create', orgId: org.id, target: org.id, detail: { name: org.name, parentId: org.parentId } });
    return org;
  });

  app.patch('/orgs/:id', { preHandler: app.requireAdmin }, async (request): Promise<OrgView> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const body = parseOr400(updateOrgSchema, request.body, 'bad_request');
    const scope = request.scope!;
    const before = await scope.manageOrg(id);
    if (body.parentId !== undefined && body.parentId !== before.parentId) await scope.assertCanMoveOrg(id, body.parentId);
    const org = await orTreeConflict(app.repos.orgs.update(id, body));
    if (!org) throw new ApiError(404, 'not_found', 'No such organisation.');
    await recordAudit(app, request, {
      action: 'org.update',
      orgId: id,
      target: id,
      detail: { before: { name: before.name, parentId: before.parentId }, after: { name: org.name, parentId: org.parentId } },
    });
    return org;
  });
}
