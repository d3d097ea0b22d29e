import type { RosterEntry } from '../../src/protocol/roster';
import type { Db, RosterEntryTable } from '../db/schema';

/** A roster row as the import plans it: what to store, before a version is given. */
export interface RosterChange {
  code: string;
  name: string;
  group: string;
  role: string;
  deleted: boolean;
}

/** Rows per INSERT: 7 parameters each stays far below SQLite's and PostgreSQL's limits. */
const CHUNK = 500;

const toEntry = (r: RosterEntryTable): RosterEntry => ({
  code: r.code,
  name: r.name,
  group: r.group_name,
  role: r.role,
  version: Number(r.version),
  deleted: Number(r.deleted) === 1,
});

/** Site rosters: versioned rows (tombstones included) that kiosks page through by version. */
export function rostersRepository(db: Db) {
  return {
    /** Every row of a site's roster, tombstones included, by code. */
    async listAll(siteId: string): Promise<RosterEntry[]> {
      const rows = await db.selectFrom('roster_entry').selectAll().where('site_id', '=', siteId).orderBy('code').execute();
      return rows.map(toEntry);
    },

    /** The site's current roster version (0 when it never had one). */
    async version(siteId: string): Promise<number> {
      const row = await db.selectFrom('site').select('roster_version').where('id', '=', siteId).executeTakeFirst();
      return Number(row?.roster_version ?? 0);
    },

    /**
     * Stores changed rows in ONE transaction, each with its own new version: the site's counter is raised by
     * the number of rows first (an atomic UPDATE … RETURNING, so concurrent imports never share a version),
     * then row i gets base + i + 1. Kiosks can then page through any number of changes by `version > since`.
     */
    async applyChanges(siteId: string, changes: readonly RosterChange[]): Promise<number> {
      if (changes.length === 0) return this.version(siteId);
      return db.transaction().execute(async (trx) => {
        const bumped = await trx
          .updateTable('site')
          .set((eb) => ({ roster_version: eb('roster_version', '+', changes.length) }))
          .where('id', '=', siteId)
          .returning('roster_version')
          .executeTakeFirstOrThrow();
        const end = Number(bumped.roster_version);
        const base = end - changes.length;
        for (let i = 0; i < changes.length; i += CHUNK) {
          const values = changes.slice(i, i + CHUNK).map((c, j) => ({
            site_id: siteId,
            code: c.code,
            name: c.name,
            group_name: c.group,
            role: c.role,
            version: base + i + j + 1,
            deleted: c.deleted ? 1 : 0,
          }));
          await trx
            .insertInto('roster_entry')
            .values(values)
            .onConflict((oc) =>
              oc.columns(['site_id', 'code']).doUpdateSet((eb) => ({
                name: eb.ref('excluded.name'),
                group_name: eb.ref('excluded.group_name'),
                role: eb.ref('excluded.role'),
                version: eb.ref('excluded.version'),
                deleted: eb.ref('excluded.deleted'),
              })),
            )
            .execute();
        }
        return end;
      });
    },

    /** Changes after version `since`, oldest first; one more than `limit` is read to know if more remain. */
    async changesSince(siteId: string, since: number, limit: number): Promise<{ entries: RosterEntry[]; more: boolean }> {
      const rows = await db
        .selectFrom('roster_entry')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('version', '>', since)
        .orderBy('version')
        .limit(limit + 1)
        .execute();
      return { entries: rows.slice(0, limit).map(toEntry), more: rows.length > limit };
    },

    /** Live (not removed) entries whose code is `code`, at these sites. */
    async findByCode(code: string, siteIds: readonly string[]): Promise<Array<RosterEntry & { siteId: string }>> {
      if (siteIds.length === 0) return [];
      const rows = await db
        .selectFrom('roster_entry')
        .selectAll()
        .where('code', '=', code)
        .where('deleted', '=', 0)
        .where('site_id', 'in', [...siteIds])
        .orderBy('site_id')
        .execute();
      return rows.map((r) => ({ ...toEntry(r), siteId: r.site_id }));
    },
  };
}
export type RostersRepository = ReturnType<typeof rostersRepository>;
