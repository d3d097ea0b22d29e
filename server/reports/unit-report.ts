import type { UnitReport, UnitRow } from '../../src/protocol/reports';
import type { Repositories } from '../repositories';
import type { Org } from '../repositories/orgs';

/**
 * The province's monthly form for one org subtree: one row per org (depth-first, by name), each counting its own
 * sites (location QR codes existing at the end of the period), the scans at them and distinct visitors — sums
 * of the read side's per-site counts (issue #9); `from`/`to` are local days, inclusive; `endsAt` ends the last.
 */
export async function unitReport(
  repos: Repositories,
  input: { org: Org; orgIds: ReadonlySet<string>; siteIds: ReadonlySet<string>; from: string; to: string; endsAt: number },
): Promise<UnitReport> {
  const subtree = await repos.scope.subtreeOrgIds(input.org.id);
  const orgIds = [...subtree].filter((id) => input.orgIds.has(id));
  const siteIds = [...(await repos.scope.allowedSiteIds(input.org.id))].filter((id) => input.siteIds.has(id));
  const [orgs, codes, scans] = await Promise.all([
    repos.orgs.listByIds(orgIds),
    repos.sites.countByOrg(orgIds, input.endsAt),
    repos.siteCounts.scansByOrg(siteIds, input.from, input.to),
  ]);
  const visitors = await repos.siteCounts.visitors(siteIds, input.from, input.to, [...scans.values()].reduce((a, b) => a + b, 0));

  const children = new Map<string | null, Org[]>();
  for (const o of orgs) {
    const parent = o.id === input.org.id ? null : o.parentId;
    children.set(parent, [...(children.get(parent) ?? []), o]);
  }
  const rows: UnitRow[] = [];
  const walk = (parent: string | null, depth: number) => {
    for (const o of (children.get(parent) ?? []).sort((a, b) => a.name.localeCompare(b.name, 'vi'))) {
      rows.push({ orgId: o.id, name: o.name, depth, locationCodes: codes.get(o.id) ?? 0, scans: scans.get(o.id) ?? 0, visitors: visitors.byOrg.get(o.id) ?? 0 });
      walk(o.id, depth + 1);
    }
  };
  walk(null, 0);
  return {
    orgId: input.org.id,
    from: input.from,
    to: input.to,
    rows,
    totals: {
      locationCodes: rows.reduce((n, r) => n + r.locationCodes, 0),
      scans: rows.reduce((n, r) => n + r.scans, 0),
      visitors: visitors.total,
    },
    visitorsEstimated: visitors.estimated,
  };
}
