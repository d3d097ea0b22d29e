import type { FastifyInstance } from 'fastify';
import { rosterQuerySchema, type RosterPage } from '../../../src/protocol/roster';
import { idParamsSchema } from '../../../src/protocol/console';
import { ERASURES_PAGE_SIZE } from '../../../src/protocol/erasures';
import { siteConfigQuerySchema } from '../../../src/protocol/site-config-query';
import type { SiteConfig, SiteName } from '../../../src/protocol/site-config';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';
import { publishedPassKeys } from '../../passes/pass-signer';
import { siteErasureKey } from '../../subjects/subject-keys';
import { occupancyDelta } from './occupancy-delta';
import { sendJson } from '../../lib/send-json';

/**
 * What a kiosk pulls after each push (issue #6), with its device token:
 * GET /sync/config?erasuresSince= → its site, policy, trusted pass keys, roster version, and the site's erasure
 *   key and list entries after `erasuresSince` (issue #10), its gate settings and the occupancy delta after
 *   `occupancySince` (issue #16);
 * GET /sync/roster?since=&limit= → roster changes after `since`, oldest first, one page at a time;
 * GET /sync/sites/:id → the name of a site whose location poster the kiosk scanned (#11).
 */
export async function siteConfigRoutes(app: FastifyInstance, opts: { timeZone: string }): Promise<void> {
  const pre = { preHandler: app.requireDevice };

  app.get('/sync/config', pre, async (request, reply) => {
    const { erasuresSince, occupancySince } = parseOr400(siteConfigQuerySchema, request.query, 'bad_query');
    const site = await app.repos.sites.get(request.device!.siteId);
    if (!site) throw new Error('device without a site');
    // Gzipped for kiosks on slow links: the occupancy of a busy port's first pull of the day is the bulk of it (#16).
    return sendJson(request, reply, {
      site: { id: site.id, name: site.name },
      policy: site.policy,
      passKeys: await publishedPassKeys(app.repos),
      rosterVersion: await app.repos.rosters.version(site.id),
      serverTime: Date.now(),
      erasureKey: await siteErasureKey(app.repos, site.id),
      erasures: await app.repos.erasures.since(site.id, erasuresSince, ERASURES_PAGE_SIZE),
      gate: (await app.repos.sites.gateOf(site.id))!,
      occupancy: await occupancyDelta(app.repos, request.device!, occupancySince, opts.timeZone),
    } satisfies SiteConfig);
  });

  app.get('/sync/roster', pre, async (request): Promise<RosterPage> => {
    const { since, limit } = parseOr400(rosterQuerySchema, request.query, 'bad_query');
    const siteId = request.device!.siteId;
    // Read the version BEFORE the rows: every version up to it is committed with its row (one transaction),
    // so answering it when no rows are newer can never make a kiosk skip a change.
    const version = await app.repos.rosters.version(siteId);
    const { entries, more } = await app.repos.rosters.changesSince(siteId, since, limit);
    return { entries, more, nextSince: entries.at(-1)?.version ?? version };
  });

  app.get('/sync/sites/:id', pre, async (request): Promise<SiteName> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const site = await app.repos.sites.get(id);
    if (!site) throw new ApiError(404, 'not_found', 'No such site');
    return { id: site.id, name: site.name };
  });
}
