import type { FastifyInstance, FastifyRequest } from 'fastify';
import { normaliseWatchlistSubject, watchlistKey } from '../../../src/protocol/watchlist-subject';
import { WATCHLIST_HASH_ITERATIONS, watchlistHash } from '../../../src/domain/watchlist-hash';
import { idParamsSchema } from '../../../src/protocol/console';
import { createWatchlistEntrySchema, updateWatchlistEntrySchema, watchlistQuerySchema, type WatchlistEntry, type WatchlistList } from '../../../src/protocol/watchlist';
import type { KioskWatchlist } from '../../../src/protocol/watchlist-sync';
import type { RemovedIdAnswer } from '../../../src/protocol/common-answers';
import { recordAudit } from '../../access/record-audit';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';
import { orgWatchlistSalt } from '../../subjects/subject-keys';
import { kioskWatchlist } from '../../watchlist/kiosk-watchlist';

/**
 * The watchlist (issue #16). Console: GET/POST /orgs/:id/watchlist (an organisation's own entries; reading needs
 * the org in scope, changing needs its admin), PATCH/DELETE /watchlist/:id; every change audited, the subject only
 * as its keyed hash. Kiosks: GET /sync/watchlist?have= with a device token (src/protocol/watchlist-sync.ts).
 */
export async function watchlistRoutes(app: FastifyInstance): Promise<void> {
  const pre = { preHandler: app.requireAdmin };

  /** The entry, if the caller is an admin of its organisation; one 403 for other orgs' and unknown ids alike. */
  async function manageEntry(request: FastifyRequest): Promise<WatchlistEntry> {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const entry = await app.repos.watchlist.get(id);
    if (!entry) throw new ApiError(403, 'forbidden', 'This organisation is not in your scope.', { reason: 'org_scope' });
    await request.scope!.manageOrg(entry.orgId);
    return entry;
  }

  app.get('/orgs/:id/watchlist', pre, async (request): Promise<WatchlistList> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    await request.scope!.readOrg(id);
    return { entries: await app.repos.watchlist.listByOrg(id) };
  });

  app.post('/orgs/:id/watchlist', pre, async (request): Promise<WatchlistEntry> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const body = parseOr400(createWatchlistEntrySchema, request.body, 'bad_request');
    const org = await request.scope!.manageOrg(id);
    const subject = normaliseWatchlistSubject(body.kind, body.subject)!;
    const subjectHash = await watchlistHash(watchlistKey(body.kind, subject), await orgWatchlistSalt(app.repos, org.id), WATCHLIST_HASH_ITERATIONS);
    const entry = await app.repos.watchlist.create({ orgId: org.id, kind: body.kind, subject, subjectHash, iterations: WATCHLIST_HASH_ITERATIONS, reason: body.reason, action: body.action });
    if (!entry) throw new ApiError(409, 'conflict', 'This organisation already lists this subject.');
    await recordAudit(app, request, { action: 'watchlist.add', orgId: org.id, target: entry.id, subject, detail: { kind: entry.kind, action: entry.action } });
    return entry;
  });

  app.patch('/watchlist/:id', pre, async (request): Promise<WatchlistEntry> => {
    const body = parseOr400(updateWatchlistEntrySchema, request.body, 'bad_request');
    const before = await manageEntry(request);
    const after = await app.repos.watchlist.update(before.id, body);
    if (!after) throw new ApiError(404, 'not_found', 'No such watchlist entry');
    await recordAudit(app, request, {
      action: 'watchlist.update',
      orgId: before.orgId,
      target: before.id,
      subject: before.subject,
      detail: { kind: before.kind, before: { action: before.action, reasonChanged: false }, after: { action: after.action, reasonChanged: after.reason !== before.reason } },
    });
    return after;
  });

  app.delete('/watchlist/:id', pre, async (request): Promise<RemovedIdAnswer> => {
    const entry = await manageEntry(request);
    await app.repos.watchlist.remove(entry.id);
    await recordAudit(app, request, { action: 'watchlist.remove', orgId: entry.orgId, target: entry.id, subject: entry.subject, detail: { kind: entry.kind, action: entry.action } });
    return { id: entry.id };
  });

  app.get('/sync/watchlist', { preHandler: app.requireDevice }, async (request): Promise<KioskWatchlist> => {
    const { have } = parseOr400(watchlistQuerySchema, request.query, 'bad_query');
    const site = await app.repos.sites.get(request.device!.siteId);
    if (!site) throw new Error('device without a site');
    return kioskWatchlist(app.repos, site, have);
  });
}
