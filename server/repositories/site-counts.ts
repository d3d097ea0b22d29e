import { sql, type Kysely } from 'kysely';
import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import { shapedChunks, shapedList } from '../db/chunks';
import type { CheckinTable, DB } from '../db/schema';
import { localDayHour } from '../reports/local-calendar';
import type { GateEvent } from '../trace/pair-visits';

/** Rows per INSERT: inside SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 1024;

/** Adds check-ins to the scan counts per site, local day and hour (one upsert per distinct cell). */
export async function addScans(trx: Kysely<DB>, rows: ReadonlyArray<Pick<CheckinTable, 'site_id' | 'corrected_time'>>, timeZone: string): Promise<void> {
  const cells = new Map<string, { site_id: string; day: string; hour: number; scans: number }>();
  for (const r of rows) {
    const { day, hour } = localDayHour(Number(r.corrected_time), timeZone);
    const key = `${r.site_id}\u0001${day}\u0001${hour}`;
    const cell = cells.get(key);
    if (cell) cell.scans++;
    else cells.set(key, { site_id: r.site_id, day, hour, scans: 1 });
  }
  const values = [...cells.values()];
  for (const chunk of shapedChunks(values, ROWS_PER_INSERT)) {
    await trx
      .insertInto('site_hour_count')
      .values(chunk)
      .onConflict((oc) => oc.columns(['site_id', 'day', 'hour']).doUpdateSet((eb) => ({ scans: eb('site_hour_count.scans', '+', eb.ref('excluded.scans')) })))
      .execute();
  }
}

/** Replaces who was seen on `day` (YYYY-MM-DD) among `subjects` by what `events` of that day show. */
export async function replaceVisitors(trx: Kysely<DB>, day: string, subjects: readonly string[], events: readonly GateEvent[]): Promise<void> {
  if (subjects.length > 0) await trx.deleteFrom('site_day_visitor').where('day', '=', day).where('subject', 'in', shapedList(subjects)).execute();
  await insertVisitorRows(trx, events.map((e) => ({ site_id: e.siteId, day, subject: e.subject })));
}

/** Adds who was seen where on which local day, from events of any days. */
export async function insertVisitors(trx: Kysely<DB>, events: readonly GateEvent[], timeZone: string): Promise<void> {
  await insertVisitorRows(trx, events.map((e) => ({ site_id: e.siteId, day: localDayHour(e.correctedTime, timeZone).day, subject: e.subject })));
}

async function insertVisitorRows(trx: Kysely<DB>, rows: ReadonlyArray<{ site_id: string; day: string; subject: string }>): Promise<void> {
  const seen = new Map<string, { site_id: string; day: string; subject: string }>();
  for (const r of rows) if (r.subject !== PURGED_SUBJECT) seen.set(`${r.site_id}\u0001${r.day}\u0001${r.subject}`, r);
  for (const chunk of shapedChunks([...seen.values()], ROWS_PER_INSERT)) {
    await trx.insertInto('site_day_visitor').values(chunk).onConflict((oc) => oc.doNothing()).execute();
  }
}

/** Reads over the counts: every report is a sum of cells, never a scan of raw check-ins. */
export function siteCountsRepository(db: Kysely<DB>) {
  return {
    /** Scans per local day (YYYY-MM-DD, inclusive range) at these sites. */
    async scansByDay(siteIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
      if (siteIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('site_hour_count')
        .select((eb) => ['day', eb.fn.sum<number>('scans').as('scans')])
        .where('site_id', 'in', [...siteIds])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .groupBy('day')
        .execute();
      return new Map(rows.map((r) => [r.day, Number(r.scans)]));
    },

    /** Scans per (local day, hour) at one site, for the weekday × hour heat map. */
    async scansByDayHour(siteId: string, from: string, to: string): Promise<Array<{ day: string; hour: number; scans: number }>> {
      const rows = await db
        .selectFrom('site_hour_count')
        .select(['day', 'hour', 'scans'])
        .where('site_id', '=', siteId)
        .where('day', '>=', from)
        .where('day', '<=', to)
        .execute();
      return rows.map((r) => ({ day: r.day, hour: Number(r.hour), scans: Number(r.scans) }));
    },

    /** Per org (of the site): scans and distinct visitors at these sites over local days [from, to]. */
    async countByOrg(siteIds: readonly string[], from: string, to: string): Promise<Map<string, { scans: number; visitors: number }>> {
      if (siteIds.length === 0) return new Map();
      const [scans, visitors] = await Promise.all([
        db
          .selectFrom('site_hour_count')
          .innerJoin('site', 'site.id', 'site_hour_count.site_id')
          .select((eb) => ['site.org_id as orgId', eb.fn.sum<number>('site_hour_count.scans').as('n')])
          .where('site_hour_count.site_id', 'in', [...siteIds])
          .where('site_hour_count.day', '>=', from)
          .where('site_hour_count.day', '<=', to)
          .groupBy('site.org_id')
          .execute(),
        db
          .selectFrom('site_day_visitor')
          .innerJoin('site', 'site.id', 'site_day_visitor.site_id')
          .select(['site.org_id as orgId', sql<number>`count(distinct site_day_visitor.subject)`.as('n')])
          .where('site_day_visitor.site_id', 'in', [...siteIds])
          .where('site_day_visitor.day', '>=', from)
          .where('site_day_visitor.day', '<=', to)
          .groupBy('site.org_id')
          .execute(),
      ]);
      const out = new Map<string, { scans: number; visitors: number }>();
      for (const r of scans) out.set(r.orgId, { scans: Number(r.n), visitors: 0 });
      for (const r of visitors) out.set(r.orgId, { scans: out.get(r.orgId)?.scans ?? 0, visitors: Number(r.n) });
      return out;
    },

    /** Distinct visitors at these sites over local days [from, to] (exact). */
    async countDistinctVisitors(siteIds: readonly string[], from: string, to: string): Promise<number> {
      if (siteIds.length === 0) return 0;
      const row = await db
        .selectFrom('site_day_visitor')
        .select(sql<number>`count(distinct subject)`.as('n'))
        .where('site_id', 'in', [...siteIds])
        .where('day', '>=', from)
        .where('day', '<=', to)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },
  };
}
export type SiteCountsRepository = ReturnType<typeof siteCountsRepository>;
