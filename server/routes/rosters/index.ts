import type { FastifyInstance } from 'fastify';
import { idParamsSchema } from '../../../src/protocol/console';
import { MAX_ROSTER_UPLOAD_BYTES, rosterImportQuerySchema, type RosterImportResult, type RosterList } from '../../../src/protocol/roster-import';
import { recordAudit } from '../../access/record-audit';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';
import { importRoster } from '../../rosters/import-roster';

/**
 * POST /sites/:id/roster (body: the CSV file's bytes as uploaded; ?dryRun=1 previews, ?skipInvalid=1 applies
 * the valid rows despite errors) and GET /sites/:id/roster (the live entries, for the console).
 */
export async function rostersRoutes(app: FastifyInstance): Promise<void> {
  // Only in this plugin: the file arrives raw, its encoding is decided by parse-roster-csv, not by Fastify.
  for (const type of ['text/csv', 'application/octet-stream', 'text/plain', 'text/tab-separated-values']) {
    app.addContentTypeParser(type, { parseAs: 'buffer', bodyLimit: MAX_ROSTER_UPLOAD_BYTES }, (_req, body, done) => done(null, body));
  }

  app.post('/sites/:id/roster', { preHandler: app.requireAdmin, bodyLimit: MAX_ROSTER_UPLOAD_BYTES }, async (request): Promise<RosterImportResult> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const query = parseOr400(rosterImportQuerySchema, request.query, 'bad_query');
    const site = await request.scope!.manageSite(id);
    if (!Buffer.isBuffer(request.body)) throw new ApiError(415, 'unsupported_type', 'Send the CSV file itself as text/csv or application/octet-stream.');
    const result = await importRoster(app.repos, site.id, request.body, { dryRun: query.dryRun === '1', skipInvalid: query.skipInvalid === '1' });
    if (result.applied) {
      const { added, updated, removed, unchanged } = result;
      await recordAudit(app, request, { action: 'roster.import', orgId: site.orgId, siteId: site.id, target: site.id, detail: { added, updated, removed, unchanged, skipped: result.errors.length } });
    }
    return result;
  });

  app.get('/sites/:id/roster', { preHandler: app.requireAdmin }, async (request): Promise<RosterList> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const site = await request.scope!.readSite(id);
    const all = await app.repos.rosters.listAll(site.id);
    return {
      entries: all.filter((e) => !e.deleted).map(({ code, name, group, role }) => ({ code, name, group, role })),
      version: await app.repos.rosters.version(site.id),
    };
  });
}
