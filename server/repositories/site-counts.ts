import { sql, type Kysely } from 'kysely';
import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import { shapedChunks, shapedList } from '../db/chunks';
import type { CheckinTable, DB } from '../db/schema';
import { localDayHour } from '../reports/local-calendar';
import { addToSketch, emptySketch, estimateSketch, mergeSketch } from '../reports/visitor-sketch';
import type { GateEvent } from '../trace/pair-visits';

/** Up to this many scans in a report's period, distinct visitors are counted exactly (≈ 0.1 s); beyond, estimated. */
export const EXACT_VISITOR_SCANS = 200_000;

/** The whole months (YYYY-MM) inside local days [from, to], and the day ranges of the partial months at its ends. */
export function splitMonths(from: string, to: string): { whole: string[]; partial: Array<{ from: string; to: string }> } {
  const whole: string[] = [];
  const partial: Array<{ from: string; to: string }> = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    const first = `${month}-01`;
    const last = `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
    if (first > to) break;
    const lo = from > first ? from : first;
    const hi = to < last ? to : last;
    if (lo === first && hi === last) whole.push(month);
    else partial.push({ from: lo, to: hi });
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return { whole, partial };
}

/** Rows per INSERT: inside SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 1024;

/** Adds check-ins to the scan counts per site, local day and hour, and per site and day (one upsert per cell). */
export async function addScans(trx: Kysely<DB>, rows: ReadonlyArray<Pick<CheckinTable, 'site_id' | 'corrected_time'>>, timeZone: string): Promise<void> {
  const hours = new Map<string, { site_id: string; day: string; hour: number; scans: number }>();
  const days = new Map<string, { site_id: string; day: string; scans: number }>();
  for (const r of rows) {
    const { day, hour } = localDayHour(Number(r.corrected_time), timeZone);
    const key = `${r.site_id}\u0001${day}`;
    const cell = hours.get(`${key}\u0001${hour}`);
    if (cell) cell.scans++;
    else hours.set(`${key}\u0001${hour}`, { site_id: r.site_id, day, hour, scans: 1 });
    const dayCell = days.get(key);
    if (dayCell) dayCell.scans++;
    else days.set(key, { site_id: r.site_id, day, scans: 1 });
  }
  for (const chunk of shapedChunks([...hours.values()], ROWS_PER_INSERT)) {
    await trx
      .insertInto('site_hour_count')
      .values(chunk)
      .onConflict((oc) => oc.columns(['site_id', 'day', 'hour']).doUpdateSet((eb) => ({ scans: eb('site_hour_count.scans', '+', eb.ref('excluded.scans')) })))
      .execute();
  }
  for (const chunk of shapedChunks([...days.values()], ROWS_PER_INSERT)) {
    await trx
      .insertInto('site_day_count')
      .values(chunk)
      .onConflict((oc) => oc.columns(['site_id', 'day']).doUpdateSet((eb) => ({ scans: eb('site_day_count.scans', '+', eb.ref('excluded.scans')) })))
      .execute();
  }
}

/** A site-month of visitors: YYYY-MM of a local day. */
const monthOf = (day: string) => day.slice(0, 7);

/** Adds visitors (site, local day, subject) to the month sketches; writes only the sketches that grew. */
export async function addToSketches(trx: Kysely<DB>, seen: Iterable<{ site_id: string; day: string; subject: string }>): Promise<void> {
  const groups = new Map<string, { site_id: string; month: string; subjects: Set<string> }>();
  for (const v of seen) {
    if (v.subject === PURGED_SUBJECT) continue;
    const key = `${v.site_id}\u0001${monthOf(v.day)}`;
    const g = groups.get(key) ?? { site_id: v.site_id, month: monthOf(v.day), subjects: new Set<string>() };
    g.subjects.add(v.subject);
    groups.set(key, g);
  }
  for (const g of groups.values()) {
    const row = await trx.selectFrom('site_month_sketch').select('registers').where('site_id', '=', g.site_id).where('month', '=', g.month).executeTakeFirst();
    const sketch = row ? new Uint8Array(row.registers) : emptySketch();
    let grew = false;
    for (const subject of g.subjects) grew = addToSketch(sketch, subject) || grew;
    if (!grew) continue;
    await trx
      .insertInto('site_month_sketch')
      .values({ site_id: g.site_id, month: g.month, registers: sketch })
      .onConflict((oc) => oc.columns(['site_id', 'month']).doUpdateSet({ registers: sketch }))
      .execute();
  }
}

/**
 * Re-derives the sketches of these site-months from the day visitors (after retention or an erasure removed
 * some: a sketch cannot forget one subject, so it is rebuilt from who is left).
 */
export async function recomputeSketches(trx: Kysely<DB>, siteMonths: Iterable<{ siteId: string; month: string }>): Promise<void> {
  const seen = new Set<string>();
  for (const { siteId, month } of siteMonths) {
    if (seen.has(`${siteId}\u0001${month}`)) continue;
    seen.add(`${siteId}\u0001${month}`);
    const rows = await trx
      .selectFrom('site_day_visitor')
      .select('subject')
      .where('site_id', '=', siteId)
      .where('day', '>=', `${month}-01`)
      .where('day', '<=', `${month}-31`)
      .execute();
    await trx.deleteFrom('site_month_sketch').where('site_id', '=', siteId).where('month', '=', month).execute();
    if (rows.length === 0) continue;
    const sketch = emptySketch();
    for (const r of rows) addToSketch(sketch, r.subject);
    await trx.insertInto('site_month_sketch').values({ site_id: siteId, month, registers: sketch }).execute();
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
        .selectFrom('site_day_count')
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

    /** Per org (of the site): scans at these sites over local days [from, to]. */
    async scansByOrg(siteIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
      if (siteIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('site_day_count')
        .innerJoin('site', 'site.id', 'site_day_count.site_id')
        .select((eb) => ['site.org_id as orgId', eb.fn.sum<number>('site_day_count.scans').as('n')])
        .where('site_day_count.site_id', 'in', [...siteIds])
        .where('site_day_count.day', '>=', from)
        .where('site_day_count.day', '<=', to)
        .groupBy('site.org_id')
        .execute();
      return new Map(rows.map((r) => [r.orgId, Number(r.n)]));
    },

    /**
     * Distinct visitors over local days [from, to], per org (of the site) and over all these sites. Exact while
     * the period holds at most EXACT_VISITOR_SCANS scans; beyond that, estimated from the month sketches (whole
     * months) and the day visitors of partial months, ±1.6 % standard error — a year of a busy port would
     * otherwise mean counting millions of rows per report.
     */
    async visitors(siteIds: readonly string[], from: string, to: string, scans: number): Promise<{ byOrg: Map<string, number>; total: number; estimated: boolean }> {
      if (siteIds.length === 0) return { byOrg: new Map(), total: 0, estimated: false };
      const orgOf = new Map((await db.selectFrom('site').select(['id', 'org_id']).where('id', 'in', [...siteIds]).execute()).map((r) => [r.id, r.org_id]));
      if (scans <= EXACT_VISITOR_SCANS) {
        const [perOrg, all] = await Promise.all([
          db
            .selectFrom('site_day_visitor')
            .innerJoin('site', 'site.id', 'site_day_visitor.site_id')
            .select(['site.org_id as orgId', sql<number>`count(distinct site_day_visitor.subject)`.as('n')])
            .where('site_day_visitor.site_id', 'in', [...siteIds])
            .where('site_day_visitor.day', '>=', from)
            .where('site_day_visitor.day', '<=', to)
            .groupBy('site.org_id')
            .execute(),
          db
            .selectFrom('site_day_visitor')
            .select(sql<number>`count(distinct subject)`.as('n'))
            .where('site_id', 'in', [...siteIds])
            .where('day', '>=', from)
            .where('day', '<=', to)
            .executeTakeFirst(),
        ]);
        return { byOrg: new Map(perOrg.map((r) => [r.orgId, Number(r.n)])), total: Number(all?.n ?? 0), estimated: false };
      }
      const sketches = new Map<string, Uint8Array>();
      const sketchOf = (orgId: string) => sketches.get(orgId) ?? sketches.set(orgId, emptySketch()).get(orgId)!;
      const { whole, partial } = splitMonths(from, to);
      if (whole.length > 0) {
        const rows = await db
          .selectFrom('site_month_sketch')
          .select(['site_id', 'registers'])
          .where('site_id', 'in', [...siteIds])
          .where('month', 'in', whole)
          .execute();
        for (const r of rows) mergeSketch(sketchOf(orgOf.get(r.site_id)!), new Uint8Array(r.registers));
      }
      for (const range of partial) {
        const rows = await db
          .selectFrom('site_day_visitor')
          .select(['site_id', 'subject'])
          .where('site_id', 'in', [...siteIds])
          .where('day', '>=', range.from)
          .where('day', '<=', range.to)
          .execute();
        for (const r of rows) addToSketch(sketchOf(orgOf.get(r.site_id)!), r.subject);
      }
      const total = emptySketch();
      const byOrg = new Map<string, number>();
      for (const [orgId, sketch] of sketches) {
        byOrg.set(orgId, estimateSketch(sketch));
        mergeSketch(total, sketch);
      }
      return { byOrg, total: estimateSketch(total), estimated: true };
    },
  };
}
export type SiteCountsRepository = ReturnType<typeof siteCountsRepository>;
