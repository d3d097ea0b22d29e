import type { FastifyInstance } from 'fastify';
import { idParamsSchema } from '../../../src/protocol/console';
import { siteGateBodySchema, type SiteGateView } from '../../../src/protocol/site-gate-console';
import { recordAudit } from '../../access/record-audit';
import { parseOr400 } from '../../lib/parse';

/**
 * A site's gate settings (issue #16): direction mode (toggle / auto) and closing time. Anyone who sees the site reads
 * them; only an admin of its organisation changes them (they change what every kiosk there logs), audited like
 * other site changes. A new closing time re-pairs the site's visits in the background.
 */
export async function siteGateRoutes(app: FastifyInstance): Promise<void> {
  const pre = { preHandler: app.requireAdmin };

  app.get('/sites/:id/gate', pre, async (request): Promise<SiteGateView> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    await request.scope!.readSite(id);
    return { siteId: id, gate: (await app.repos.sites.gateOf(id))! };
  });

  app.put('/sites/:id/gate', pre, async (request): Promise<SiteGateView> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const { gate } = parseOr400(siteGateBodySchema, request.body, 'bad_request');
    const site = await request.scope!.readSite(id);
    await request.scope!.manageOrg(site.orgId);
    const before = (await app.repos.sites.gateOf(id))!;
    await app.repos.sites.setGate(id, gate);
    await recordAudit(app, request, { action: 'site.update', orgId: site.orgId, siteId: id, target: id, detail: { before, after: gate } });
    if (before.closingTime !== gate.closingTime) void app.repairClosingTimes();
    return { siteId: id, gate };
  });
}
