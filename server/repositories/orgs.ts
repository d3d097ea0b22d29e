import type { Db } from '../db/schema';
import { newId } from '../lib/secrets';

export interface Org {
  id: string;
  name: string;
  parentId: string | null;
}

/** Organisations form a tree: province → district/department → unit. */
export function orgsRepository(db: Db) {
  return {
    /** Creates an org under `parentId` (or a root); returns undefined when the parent does not exist. */
    async create(input: { name: string; parentId?: string | null }, now = Date.now()): Promise<Org | undefined> {
      const parentId = input.parentId ?? null;
      if (parentId !== null && !(await this.get(parentId))) return undefined;
      const org: Org = { id: newId('org'), name: input.name, parentId };
      await db.insertInto('org').values({ id: org.id, name: org.name, parent_id: parentId, created_at: now }).execute();
      return org;
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

    /** Renames and/or moves an org (the caller has checked the move keeps the tree a tree). */
    async update(id: string, change: { name?: string; parentId?: string }): Promise<Org | undefined> {
      await db
        .updateTable('org')
        .set({ ...(change.name !== undefined ? { name: change.name } : {}), ...(change.parentId !== undefined ? { parent_id: change.parentId } : {}) })
        .where('id', '=', id)
        .execute();
      return this.get(id);
    },
  };
}
export type OrgsRepository = ReturnType<typeof orgsRepository>;
