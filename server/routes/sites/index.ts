import type { FastifyInstance } from 'fastify';
import {
  createSiteSchema,
  enrolDeviceSchema,
  idParamsSchema,
  siteLogQuerySchema,
  updateSiteSchema,
  type CheckinList,
  type DeviceList,
  type EnrolDeviceResponse,
  type Occupancy,
  type SiteView,
} from '../../../src/protocol';
import { recordAudit } from '../../access/record-audit';
import { issueDevice } from '../../enrolment/issue-code';
import { ApiError } from '../../lib/api-error';
import { isoTime } from '../../lib/iso-time';
import { parseOr400 } from '../../lib/parse';
import { localPeriod } from '../../reports/local-calendar';
import { startOfDay } from '../../trace/day-bounds';

export interface SitesRoutesOptions {
  timeZone: string;
}

/**
 * Sites: create, rename / move / set policy, the live log and who is inside now, and the site's kiosks
 * (list, enrol). Every handler asks the caller's scope first.
 */
export async function sitesRoutes(app: FastifyInstance, opts: SitesRoutesOptions): Promise<void> {
  const pre = { preHandler: app.requireAdmin };

  app.post('/sites', pre, async (request): Promise<SiteView> => {
    const body = parseOr400(createSiteSchema, request.body, 'bad_request');
    await request.scope!.manageOrg(body.orgId);
    const site = await app.repos.sites.create({ orgId: body.orgId, name: body.name });
    await recordAudit(app, request, { action: 'site.create', orgId: site.orgId, siteId: site.id, target: site.id, detail: { name: site.name } });
    return site;
  });

  app.get('/sites/:id', pre, async (request): Promise<SiteView> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    return request.scope!.readSite(id);
  });

  app.patch('/sites/:id', pre, async (request): Promise<SiteView> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const body = parseOr400(updateSiteSchema, request.body, 'bad_request');
    const scope = request.scope!;
    const before = await scope.manageSite(id);
    // Moving a site between orgs is an org admin's decision, within their subtree.
    if (body.orgId !== undefined && body.orgId !== before.orgId) {
      await scope.manageOrg(before.orgId);
      await scope.manageOrg(body.orgId);
    }
    const site = await app.repos.sites.update(id, body);
    if (!site) throw new ApiError(404, 'not_found', 'No such site.');
    await recordAudit(app, request, {
      action: 'site.update',
      orgId: site.orgId,
      siteId: site.id,
      target: site.id,
      detail: { before: { name: before.name, orgId: before.orgId, policy: before.policy }, after: { name: site.name, orgId: site.orgId, policy: site.policy } },
    });
    return site;
  });

  app.get('/sites/:id/log', pre, async (request): Promise<CheckinList> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const query = parseOr400(siteLogQuerySchema, request.query, 'bad_query');
    await request.scope!.readSite(id);
    const range = query.day ? localPeriod(query.day, query.day, opts.timeZone) : {};
    const checkins = await app.repos.checkins.siteLog(
      id,
      { ...range, ...(query.direction ? { direction: query.direction } : {}), ...(query.q ? { text: query.q } : {}) },
      query.limit ?? 500,
    );
    // Watchlist matches carry their entry's reason (issue #16), so the log says why it is highlighted.
    const reasons = await app.repos.watchlist.reasonsOf(checkins.flatMap((c) => (c.watchlistId ? [c.watchlistId] : [])));
    for (const c of checkins) if (c.watchlistId && reasons.has(c.watchlistId)) c.watchlistReason = reasons.get(c.watchlistId)!;
    return { checkins };
  });

  app.get('/sites/:id/occupancy', pre, async (request): Promise<Occupancy> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    await request.scope!.readSite(id);
    const now = Date.now();
    // Today's visits with no OUT yet (visits never cross local midnight, see pair-visits).
    const inside = (await app.repos.visits.openAt(id, startOfDay(now, opts.timeZone), now))
      .sort((a, b) => (a.name ?? a.subject).localeCompare(b.name ?? b.subject, 'vi'))
      .map((v) => ({ subject: v.subject, ...(v.name !== null ? { name: v.name } : {}), timeIn: isoTime(v.timeIn) }));
    return { siteId: id, at: new Date(now).toISOString(), inside };
  });

  app.get('/sites/:id/devices', pre, async (request): Promise<DeviceList> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    await request.scope!.readSite(id);
    return { devices: await app.repos.devices.listAtSites([id]) };
  });

  app.post('/sites/:id/devices', pre, async (request): Promise<EnrolDeviceResponse> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const body = parseOr400(enrolDeviceSchema, request.body ?? {}, 'bad_request');
    const site = await request.scope!.manageSite(id);
    // The console builds the link from its own origin; the code alone is what matters here.
    const issued = await issueDevice(app.repos, { siteId: id, name: body.name || null, baseUrl: 'https://invalid.example' });
    await recordAudit(app, request, { action: 'device.enrol', orgId: site.orgId, siteId: id, target: issued.device.id, detail: { name: body.name ?? null } });
    return { device: issued.device, code: issued.code };
  });
}
