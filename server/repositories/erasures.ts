import type { ErasureEntry } from '../../src/protocol/erasures';
import type { Db } from '../db/schema';

/** Each site's erasure list (issue #10): keyed hashes of erased subjects, versioned like the roster for kiosks. */
export function erasuresRepository(db: Db) {
  return {
    /**
     * Adds one entry per site in ONE transaction; each site's counter is raised by an atomic UPDATE … RETURNING,
     * so concurrent erasures never share a version and a kiosk paging by `version > since` misses none.
     */
    async add(entries: ReadonlyArray<{ siteId: string; hash: string }>, now = Date.now()): Promise<void> {
      if (entries.length === 0) return;
      await db.transaction().execute(async (trx) => {
        for (const { siteId, hash } of entries) {
          const bumped = await trx
            .updateTable('site')
            .set((eb) => ({ erasure_version: eb('erasure_version', '+', 1) }))
            .where('id', '=', siteId)
            .returning('erasure_version')
            .executeTakeFirstOrThrow();
          await trx.insertInto('erasure').values({ site_id: siteId, version: Number(bumped.erasure_version), subject_hash: hash, erased_at: now }).execute();
        }
      });
    },

    /** A site's entries after version `since`, oldest first, at most `limit`. */
    async since(siteId: string, since: number, limit: number): Promise<ErasureEntry[]> {
      const rows = await db
        .selectFrom('erasure')
        .selectAll()
        .where('site_id', '=', siteId)
        .where('version', '>', since)
        .orderBy('version')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ version: Number(r.version), hash: r.subject_hash, erasedAt: Number(r.erased_at) }));
    },
  };
}
export type ErasuresRepository = ReturnType<typeof erasuresRepository>;
