import { randomBytes } from 'node:crypto';
import type { Db } from '../db/schema';

/** Named secrets the server makes itself, once, and keeps in its database (issue #10). */
export function serverSecretsRepository(db: Db) {
  return {
    /** The secret called `name`: 32 random bytes (base64url), created on first use; concurrent first uses agree. */
    async getOrCreate(name: string, now = Date.now()): Promise<string> {
      await db
        .insertInto('server_secret')
        .values({ name, value: randomBytes(32).toString('base64url'), created_at: now })
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const row = await db.selectFrom('server_secret').select('value').where('name', '=', name).executeTakeFirstOrThrow();
      return row.value;
    },
  };
}
export type ServerSecretsRepository = ReturnType<typeof serverSecretsRepository>;
