import type { FastifyInstance } from 'fastify';
import { auditQuerySchema, type AuditEntry, type AuditList, type AuditName } from '../../../src/protocol';
import type { Repositories } from '../../repositories';
import { parseOr400 } from '../../lib/parse';

/** Names of the orgs, sites and kiosks that entries mention (as org, site or target), by id. */
async function namesOf(repos: Repositories, entries: readonly AuditEntry[]): Promise<Record<string, AuditName>> {
  const ids = [...new Set(entries.flatMap((e) => [e.orgId, e.siteId, e.target]).filter((id): id is string => typeof id === 'string'))];
  const [orgs, sites, devices] = await Promise.all([
    repos.orgs.listByIds(ids.filter((id) => id.startsWith('org_'))),
    repos.sites.namesById(ids.filter((id) => id.startsWith('site_'))),
    repos.devices.namesById(ids.filter((id) => id.startsWith('dev_'))),
  ]);
  const names: Record<string, AuditName> = {};
  for (const o of orgs) names[o.id] = { kind: 'org', name: o.name };
  for (const [id, name] of sites) names[id] = { kind: 'site', name };
  for (const [id, name] of devices) names[id] = { kind: 'device', name };
  return names;
}

/** GET /audit?limit=: the newest audit entries about the caller's orgs (or their one site), with the names they mention. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  app.get('/audit', { preHandler: app.requireAdmin }, async (request): Promise<AuditList> => {
    const q = parseOr400(auditQuerySchema, request.query, 'bad_query');
    const scope = request.scope!;
    const entries = await app.repos.audit.list(
      scope.isSiteBound ? { orgIds: [], siteIds: [...(await scope.siteIds())] } : { orgIds: [...(await scope.orgIds())], siteIds: [] },
      q.limit ?? 200,
    );
    return { entries, names: await namesOf(app.repos, entries) };
  });
}
