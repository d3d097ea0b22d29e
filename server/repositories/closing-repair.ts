import { sql } from 'kysely';
import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import type { Db } from '../db/schema';
import { endOfDay, MAX_TIME, startOfDay } from '../trace/day-bounds';
import { keysOf, refreshKeys } from './read-side';

/**
 * When an admin changes a site's closing time (issue #16), the visits already derived there were paired with the old
 * one. They are re-paired in the background, one local day per transaction (so kiosk pushes wait at most one day's
 * re-pair), newest day first, the way every write re-pairs its (subject, local day) keys. The site records which
 * closing time its visits follow (`visits_closing_time`) only when the last day is done: a server stopped half way
 * starts again at its next start (`repairClosingTimes` runs after the read side is ensured).
 */
export async function repairSiteVisits(db: Db, siteId: string, timeZone: string): Promise<void> {
  const target = await db.selectFrom('site').select('closing_time').where('id', '=', siteId).executeTakeFirst();
  if (!target) return;
  let before = MAX_TIME + 1; // finite: PostgreSQL cannot compare a bigint with Infinity
  for (;;) {
    const latest = await db
      .selectFrom('checkin')
      .select((eb) => eb.fn.max('corrected_time').as('t'))
      .where('site_id', '=', siteId)
      .where('subject', '<>', PURGED_SUBJECT)
      .where('corrected_time', '<', before)
      .executeTakeFirst();
    if (latest?.t === null || latest?.t === undefined) break;
    const dayStart = startOfDay(Number(latest.t), timeZone);
    const rows = await db
      .selectFrom('checkin')
      .select(['subject', 'corrected_time'])
      .where('site_id', '=', siteId)
      .where('subject', '<>', PURGED_SUBJECT)
      .where('corrected_time', '>=', dayStart)
      .where('corrected_time', '<', endOfDay(dayStart, timeZone))
      .execute();
    await db.transaction().execute((trx) => refreshKeys(trx, keysOf(rows, timeZone), timeZone));
    before = dayStart;
  }
  // Only if nobody changed the closing time meanwhile (that change has queued its own re-pair).
  await db
    .updateTable('site')
    .set({ visits_closing_time: target.closing_time })
    .where('id', '=', siteId)
    .where(sql<boolean>`coalesce(closing_time, '') = ${target.closing_time ?? ''}`)
    .execute();
}

/** Re-pairs every site whose visits do not follow its closing time yet (at start, and after a change). */
export async function repairClosingTimes(db: Db, timeZone: string, log: (line: string) => void = () => {}): Promise<void> {
  const due = await db
    .selectFrom('site')
    .select('id')
    .where(sql<boolean>`coalesce(closing_time, '') <> coalesce(visits_closing_time, '')`)
    .execute();
  for (const { id } of due) {
    const started = Date.now();
    await repairSiteVisits(db, id, timeZone);
    log(`visits of site ${id} re-paired for its closing time in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
