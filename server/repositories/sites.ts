import { DEFAULT_POLICY, sitePolicySchema, type SitePolicy } from '../../src/protocol';
import { CLOSING_TIME_RE, DEFAULT_GATE, type SiteGate } from '../../src/protocol/site-gate';
import type { Db } from '../db/schema';
import { newId } from '../lib/secrets';

export interface Site {
  id: string;
  orgId: string;
  name: string;
  policy: SitePolicy;
}

/** A stored policy that no longer parses falls back to the default rather than breaking sync. */
function parsePolicy(text: string): SitePolicy {
  try {
    const parsed = sitePolicySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : DEFAULT_POLICY;
  } catch {
    return DEFAULT_POLICY;
  }
}

/** Sites (gates) belong to one org and carry the privacy policy their kiosks follow. */
export function sitesRepository(db: Db) {
  return {
    /** Creates a site with the given policy (default: DEFAULT_POLICY). */
    async create(input: { orgId: string; name: string; policy?: SitePolicy }, now = Date.now()): Promise<Site> {
      const site: Site = { id: newId('site'), orgId: input.orgId, name: input.name, policy: input.policy ?? DEFAULT_POLICY };
      await db
        .insertInto('site')
        .values({ id: site.id, org_id: site.orgId, name: site.name, policy: JSON.stringify(site.policy), created_at: now })
        .execute();
      return site;
    },

    /** One site by id. */
    async get(id: string): Promise<Site | undefined> {
      const row = await db.selectFrom('site').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { id: row.id, orgId: row.org_id, name: row.name, policy: parsePolicy(row.policy) };
    },

    /** Every site (the retention job walks them all). */
    async listAll(): Promise<Site[]> {
      const rows = await db.selectFrom('site').selectAll().orderBy('id').execute();
      return rows.map((row) => ({ id: row.id, orgId: row.org_id, name: row.name, policy: parsePolicy(row.policy) }));
    },

    /** The sites with these ids, by name. */
    async listByIds(ids: readonly string[]): Promise<Site[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('site').selectAll().where('id', 'in', [...ids]).orderBy('name').orderBy('id').execute();
      return rows.map((row) => ({ id: row.id, orgId: row.org_id, name: row.name, policy: parsePolicy(row.policy) }));
    },

    /** Renames, moves to another org and/or sets the policy of a site. */
    async update(id: string, change: { name?: string; orgId?: string; policy?: SitePolicy }): Promise<Site | undefined> {
      await db
        .updateTable('site')
        .set({
          ...(change.name !== undefined ? { name: change.name } : {}),
          ...(change.orgId !== undefined ? { org_id: change.orgId } : {}),
          ...(change.policy !== undefined ? { policy: JSON.stringify(change.policy) } : {}),
        })
        .where('id', '=', id)
        .execute();
      return this.get(id);
    },

    /** A site's direction mode and closing time (issue #16); undefined for no such site. */
    async gateOf(id: string): Promise<SiteGate | undefined> {
      const row = await db.selectFrom('site').select(['direction_mode', 'closing_time']).where('id', '=', id).executeTakeFirst();
      if (!row) return undefined;
      return {
        directionMode: row.direction_mode === 'auto' ? 'auto' : DEFAULT_GATE.directionMode,
        closingTime: row.closing_time !== null && CLOSING_TIME_RE.test(row.closing_time) ? row.closing_time : null,
      };
    },

    /** Sets a site's gate settings; its visits are re-paired afterwards when the closing time changed (closing-repair). */
    async setGate(id: string, gate: SiteGate): Promise<void> {
      await db.updateTable('site').set({ direction_mode: gate.directionMode, closing_time: gate.closingTime }).where('id', '=', id).execute();
    },

    /** Per org: sites created before `createdBefore` ("location QR codes created and managed"). */
    async countByOrg(orgIds: readonly string[], createdBefore: number): Promise<Map<string, number>> {
      if (orgIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('site')
        .select((eb) => ['org_id', eb.fn.countAll().as('n')])
        .where('org_id', 'in', [...orgIds])
        .where('created_at', '<', createdBefore)
        .groupBy('org_id')
        .execute();
      return new Map(rows.map((r) => [r.org_id, Number(r.n)]));
    },

    /** Site names by id, for labelling trace results. */
    async namesById(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('site').select(['id', 'name']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },
  };
}
export type SitesRepository = ReturnType<typeof sitesRepository>;
