import type { FastifyInstance } from 'fastify';
import { idParamsSchema, silentAfterSchema, type SilentKioskList, type SiteSilentAfter } from '../../../src/protocol';
import { recordAudit } from '../../access/record-audit';
import { parseOr400 } from '../../lib/parse';

/**
 * Silent kiosks (issue #15): for an organisation, the kiosks that have not synced for longer than their site's
 * threshold, with their last reported pending count, so an admin can call the gate; and each site's threshold.
 */
export async function silentKiosksRoutes(app: FastifyInstance): Promise<void> {
  const pre = { preHandler: app.requireAdmin };

  app.get('/orgs/:id/silent-kiosks', pre, async (request): Promise<SilentKioskList> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const scope = request.scope!;
    await scope.readOrg(id);
    const allowed = await scope.siteIds();
    const siteIds = [...(await app.repos.scope.allowedSiteIds(id))].filter((s) => allowed.has(s));
    const at = Date.now();
    return { orgId: id, at, kiosks: await app.repos.silentKiosks.list(siteIds, at) };
  });

  app.get('/sites/:id/silent-after', pre, async (request): Promise<SiteSilentAfter> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    await request.scope!.readSite(id);
    return { siteId: id, hours: (await app.repos.silentKiosks.hoursOf(id))! };
  });

  app.put('/sites/:id/silent-after', pre, async (request): Promise<SiteSilentAfter> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const { hours } = parseOr400(silentAfterSchema, request.body, 'bad_request');
    const site = await request.scope!.manageSite(id);
    const before = await app.repos.silentKiosks.hoursOf(id);
    await app.repos.silentKiosks.setHours(id, hours);
    await recordAudit(app, request, {
      action: 'site.update',
      orgId: site.orgId,
      siteId: id,
      target: id,
      detail: { before: { silentAfterHours: before }, after: { silentAfterHours: hours } },
    });
    return { siteId: id, hours };
  });
}
