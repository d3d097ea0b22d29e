import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import type { Db, IssuedPassTable } from '../db/schema';

/** Passes issued by admins, kept (with the site's retention) so a data request finds them. */
export function issuedPassesRepository(db: Db) {
  return {
    /** Records an issued pass. */
    async add(pass: IssuedPassTable): Promise<void> {
      await db.insertInto('issued_pass').values(pass).execute();
    },

    /** Passes at these sites whose pass id, phone or ID number is `subject`. */
    async findBySubject(subject: string, siteIds: readonly string[]): Promise<IssuedPassTable[]> {
      if (siteIds.length === 0) return [];
      return db
        .selectFrom('issued_pass')
        .selectAll()
        .where('site_id', 'in', [...siteIds])
        .where((eb) => eb.or([eb('pass_id', '=', subject), eb('phone', '=', subject), eb('id_number', '=', subject)]))
        .orderBy('issued_at')
        .execute();
    },

    /** Drops the personal fields of these passes (the id stays: it is what the log is keyed by). */
    async anonymise(passIds: readonly string[]): Promise<number> {
      if (passIds.length === 0) return 0;
      const r = await db
        .updateTable('issued_pass')
        .set({ name: PURGED_SUBJECT, phone: null, id_number: null })
        .where('pass_id', 'in', [...passIds])
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Drops the personal fields of a site's passes issued before `before` (retention). */
    async anonymiseIssuedBefore(siteId: string, before: number): Promise<number> {
      const r = await db
        .updateTable('issued_pass')
        .set({ name: PURGED_SUBJECT, phone: null, id_number: null })
        .where('site_id', '=', siteId)
        .where('issued_at', '<', before)
        .where('name', '<>', PURGED_SUBJECT)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },
  };
}
export type IssuedPassesRepository = ReturnType<typeof issuedPassesRepository>;
