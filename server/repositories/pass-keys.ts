import type { Db, PassKeyTable } from '../db/schema';

/** Stored pass-signing keys; generating and using them is server/passes' job. */
export function passKeysRepository(db: Db) {
  return {
    /** Keys not retired, oldest first (the first is the one that signs). */
    async listActive(): Promise<PassKeyTable[]> {
      return db.selectFrom('pass_key').selectAll().where('retired_at', 'is', null).orderBy('created_at').orderBy('kid').execute();
    },

    /** Stores a new key pair. */
    async add(key: Omit<PassKeyTable, 'retired_at'>): Promise<void> {
      await db.insertInto('pass_key').values({ ...key, retired_at: null }).execute();
    },

    /** Stops publishing a key (passes it signed stop verifying once kiosks sync). */
    async retire(kid: string, now = Date.now()): Promise<boolean> {
      const r = await db.updateTable('pass_key').set({ retired_at: now }).where('kid', '=', kid).where('retired_at', 'is', null).executeTakeFirst();
      return Number(r.numUpdatedRows) > 0;
    },
  };
}
export type PassKeysRepository = ReturnType<typeof passKeysRepository>;
