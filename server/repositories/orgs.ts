import { PostgresAdapter, sql, type Transaction } from 'kysely';
import type { DB, Db } from '../db/schema';
import { newId } from '../lib/secrets';
import { ancestorsCte, MAX_ORG_DEPTH, subtreeCte } from './org-tree';

export interface Org {
  id: string;
  name: string;
  parentId: string | null;
}

/** Why a create or move was refused: it would make a cycle, or a tree deeper than MAX_ORG_DEPTH. */
export class OrgTreeRefused extends Error {
  constructor(readonly code: 'cycle' | 'too_deep') {
    super(code === 'cycle' ? 'An organisation cannot move under itself or one of its own units.' : `An organisation tree has at most ${MAX_ORG_DEPTH} levels.`);
  }
}

/** Any fixed number: PostgreSQL advisory lock held by every tree change while it checks and writes. */
const ORG_TREE_LOCK = 4_417_001;

/** Levels from `orgId` up to its root (1 for a root); MAX_ORG_DEPTH at most, also on a cycle. */
async function levelOf(trx: Transaction<DB>, orgId: string): Promise<number> {
  const { rows } = await sql<{ level: number | string | null }>`WITH RECURSIVE ${ancestorsCte(orgId)} SELECT MAX(depth) AS level FROM ancestors`.execute(trx);
  return Number(rows[0]?.level ?? 0);
}

/**
 * Runs a tree change in one transaction that no other tree change overlaps, so its checks see the tree it
 * writes to (issue #10: two crossed moves sent together once both passed their cycle check). PostgreSQL: an
 * advisory lock for the transaction. SQLite: the one connection runs one transaction at a time, and another
 * process writing in between makes this commit fail (busy), never pass a stale check.
 */
function changeTree<T>(db: Db, change: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`SELECT pg_advisory_xact_lock(${sql.lit(ORG_TREE_LOCK)})`.execute(trx);
    return change(trx);
  });
}

/** Organisations form a tree: province → district/department → unit. */
export function orgsRepository(db: Db) {
  return {
    /** Creates an org under `parentId` (or a root); undefined when the parent does not exist; OrgTreeRefused when too deep. */
    async create(input: { name: string; parentId?: string | null }, now = Date.now()): Promise<Org | undefined> {
      const parentId = input.parentId ?? null;
      return changeTree(db, async (trx) => {
        if (parentId !== null) {
          const level = await levelOf(trx, parentId);
          if (level === 0) return undefined;
          if (level + 1 > MAX_ORG_DEPTH) throw new OrgTreeRefused('too_deep');
        }
        const org: Org = { id: newId('org'), name: input.name, parentId };
        await trx.insertInto('org').values({ id: org.id, name: org.name, parent_id: parentId, created_at: now }).execute();
        return org;
      });
    },

    /** One org by id. */
    async get(id: string): Promise<Org | undefined> {
      const row = await db.selectFrom('org').selectAll().where('id', '=', id).executeTakeFirst();
      return row && { id: row.id, name: row.name, parentId: row.parent_id };
    },

    /** The orgs with these ids, by name. */
    async listByIds(ids: readonly string[]): Promise<Org[]> {
      if (ids.length === 0) return [];
      const rows = await db.selectFrom('org').selectAll().where('id', 'in', [...ids]).orderBy('name').orderBy('id').execute();
      return rows.map((row) => ({ id: row.id, name: row.name, parentId: row.parent_id }));
    },

    /**
     * Renames and/or moves an org. A move checks, in the same locked transaction as the write, that the new
     * parent is not the org or below it and that the tree stays within MAX_ORG_DEPTH (else OrgTreeRefused).
     */
    async update(id: string, change: { name?: string; parentId?: string }): Promise<Org | undefined> {
      const { name, parentId } = change;
      await changeTree(db, async (trx) => {
        if (parentId !== undefined) {
          const { rows: inside } = await sql`WITH RECURSIVE ${ancestorsCte(parentId)} SELECT 1 AS hit FROM ancestors WHERE id = ${id}`.execute(trx);
          if (inside.length > 0) throw new OrgTreeRefused('cycle');
          const { rows } = await sql<{ height: number | string | null }>`WITH RECURSIVE ${subtreeCte(id)} SELECT MAX(depth) AS height FROM subtree`.execute(trx);
          if ((await levelOf(trx, parentId)) + Number(rows[0]?.height ?? 1) > MAX_ORG_DEPTH) throw new OrgTreeRefused('too_deep');
        }
        await trx
          .updateTable('org')
          .set({ ...(name !== undefined ? { name } : {}), ...(parentId !== undefined ? { parent_id: parentId } : {}) })
          .where('id', '=', id)
          .execute();
      });
      return this.get(id);
    },
  };
}
export type OrgsRepository = ReturnType<typeof orgsRepository>;
