import { sql } from 'kysely';
import type { Db } from '../db/schema';
import { subtreeCte } from './org-tree';

/**
 * The one place that decides what an admin may see: the sites of their org and of every org below it.
 * A recursive CTE, bounded in depth (org-tree.ts), that runs unchanged on SQLite and PostgreSQL.
 */
export function scopeRepository(db: Db) {
  return {
    /** Ids of the org and every org below it. */
    async subtreeOrgIds(orgId: string): Promise<Set<string>> {
      const { rows } = await sql<{ id: string }>`WITH RECURSIVE ${subtreeCte(orgId)} SELECT DISTINCT id FROM subtree`.execute(db);
      return new Set(rows.map((r) => r.id));
    },

    /** Ids of all sites in the subtree rooted at `orgId` (including its own sites). */
    async allowedSiteIds(orgId: string): Promise<Set<string>> {
      const { rows } = await sql<{ id: string }>`
        WITH RECURSIVE ${subtreeCte(orgId)}
        SELECT site.id AS id FROM site WHERE site.org_id IN (SELECT id FROM subtree)
      `.execute(db);
      return new Set(rows.map((r) => r.id));
    },
  };
}
export type ScopeRepository = ReturnType<typeof scopeRepository>;
