import { sql } from 'kysely';
import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import type { SubjectMatch } from '../../src/protocol/subject-search';
import type { Db } from '../db/schema';
import { containsFoldedWords } from './checkins';

/**
 * Who is held under a name, for data requests: check-ins, roster entries and issued passes whose name contains
 * every word of the text without tones or case (migration 008). The check-ins are scanned on the read connection
 * with a native LIKE on their stored folded name (the SQLite reader has no gatelog_fold); the small roster and
 * pass tables fold as they are read, on the main connection. It runs only when an admin asks.
 */
export function nameSearchRepository(db: Db, readDb: Db = db) {
  return {
    async subjectsByName(text: string, siteIds: readonly string[], limit: number): Promise<SubjectMatch[]> {
      if (siteIds.length === 0) return [];
      // Check-ins keep their folded name (migration 008); the small tables fold as they are read.
      const matches = containsFoldedWords(sql`gatelog_fold(name)`, text);
      const [checkins, roster, passes] = await Promise.all([
        readDb
          .selectFrom('checkin')
          .select((eb) => ['subject', 'name', eb.fn.countAll<number>().as('n'), eb.fn.max('corrected_time').as('last')])
          .where('site_id', 'in', [...siteIds])
          .where('subject', '<>', PURGED_SUBJECT)
          .where('name_folded', 'is not', null)
          .where(containsFoldedWords(sql.ref('name_folded'), text))
          .groupBy(['subject', 'name'])
          .orderBy('last', 'desc')
          .limit(limit)
          .execute(),
        db.selectFrom('roster_entry').select(['code', 'name']).where('site_id', 'in', [...siteIds]).where('deleted', '=', 0).where(matches).limit(limit).execute(),
        db
          .selectFrom('issued_pass')
          .select(['pass_id', 'name', 'phone', 'id_number'])
          .where('site_id', 'in', [...siteIds])
          .where('name', 'is not', null)
          .where(matches)
          .limit(limit)
          .execute(),
      ]);
      const found = new Map<string, SubjectMatch>();
      const add = (m: SubjectMatch) => {
        const key = `${m.subject}\u0000${m.name}`;
        if (!found.has(key)) found.set(key, m);
      };
      for (const c of checkins) add({ subject: c.subject, name: c.name!, checkins: Number(c.n), lastSeen: c.last === null ? null : Number(c.last) });
      for (const r of roster) add({ subject: r.code, name: r.name, checkins: 0, lastSeen: null });
      // A pass is found again by its holder's ID number or phone when it has one (what a kiosk logs it under).
      for (const p of passes) add({ subject: p.id_number ?? p.phone ?? p.pass_id, name: p.name!, checkins: 0, lastSeen: null });
      return [...found.values()].slice(0, limit);
    },
  };
}
export type NameSearchRepository = ReturnType<typeof nameSearchRepository>;
