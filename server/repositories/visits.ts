import { sql, type Kysely, type RawBuilder } from 'kysely';
import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import { shapedChunks, shapedList } from '../db/chunks';
import type { DB, VisitTable } from '../db/schema';
import { MAX_TIME, startOfDay } from '../trace/day-bounds';
import type { VisitSpan } from '../trace/pair-visits';

const ROWS_PER_INSERT = 1024;

/** Replaces the visits of `subjects` on `day` (start of the local day) by `visits` (all of that day). */
export async function replaceVisits(trx: Kysely<DB>, day: number, subjects: readonly string[], visits: readonly VisitSpan[], timeZone: string): Promise<void> {
  if (subjects.length > 0) await trx.deleteFrom('visit').where('day', '=', day).where('subject', 'in', shapedList(subjects)).execute();
  await insertVisits(trx, visits, timeZone);
}

/** Stores visits as they are (each in its own local day). */
export async function insertVisits(trx: Kysely<DB>, visits: readonly VisitSpan[], timeZone: string): Promise<void> {
  const rows: VisitTable[] = visits.map((v) => ({
    site_id: v.siteId,
    subject: v.subject,
    day: startOfDay(v.timeIn, timeZone),
    time_in: v.timeIn,
    time_out: v.timeOut,
    effective_out: v.effectiveOut,
    name: v.name,
  }));
  for (const chunk of shapedChunks(rows, ROWS_PER_INSERT)) await trx.insertInto('visit').values(chunk).execute();
}

const toSpan = (r: Pick<VisitTable, 'site_id' | 'subject' | 'name' | 'time_in' | 'time_out' | 'effective_out'>): VisitSpan => ({
  siteId: r.site_id,
  subject: r.subject,
  name: r.name,
  timeIn: Number(r.time_in),
  timeOut: r.time_out === null ? null : Number(r.time_out),
  effectiveOut: Number(r.effective_out),
});

/** The traced subject's visits that a contact query starts from (already limited to the sites the caller sees). */
export interface TraceWindow {
  subject: string;
  mine: readonly VisitSpan[];
  timeZone: string;
}

/** Bound parameters per visit of the subject (4) × this stays inside SQLite's limit of 32,766. */
export const MAX_TRACED_VISITS = 8000;

/** A contact's total overlap with the traced subject: one row per person. */
export interface ContactTotal {
  subject: string;
  overlapMs: number;
}

/** Where a page of contacts ends: the last row's (overlap, subject). */
export interface ContactCursor {
  overlapMs: number;
  subject: string;
}

/**
 * The earliest day a visit ending after `from` can have: a visit lies within its local day (≤ 25 h with DST),
 * so two days back is always enough; the exact test is `effective_out > from`. Index-friendly, no Intl.
 */
const dayFloor = (from: number) => Math.max(from, -MAX_TIME) - 2 * 86_400_000;

/**
 * `m` = the subject's visits, handed to the database as a VALUES table so the join is driven by them (a planner
 * left to choose would walk every visit at the site and probe the subject, quadratic at a busy port);
 * `o` = someone else's visit at the same site, same day, overlapping: a range of the (site_id, day, time_in) index.
 */
function withMine(w: TraceWindow): RawBuilder<unknown> {
  const rows = w.mine.map(
    (v) => sql`(cast(${v.siteId} as text), cast(${startOfDay(v.timeIn, w.timeZone)} as bigint), cast(${v.timeIn} as bigint), cast(${v.effectiveOut} as bigint))`,
  );
  return sql`with m(site_id, day, time_in, effective_out) as (values ${sql.join(rows)})`;
}

function overlapJoin(w: TraceWindow): RawBuilder<unknown> {
  return sql`m cross join visit o
    where o.site_id = m.site_id and o.day = m.day and o.time_in < m.effective_out and o.effective_out > m.time_in
      and o.subject <> ${w.subject} and o.subject <> ${PURGED_SUBJECT}`;
}

// Portable least/greatest (SQLite has min/max of two, PostgreSQL least/greatest).
const overlapMsExpr = sql`(case when o.effective_out < m.effective_out then o.effective_out else m.effective_out end)
  - (case when o.time_in > m.time_in then o.time_in else m.time_in end)`;

/** Indexed reads of the visits read model: a trace costs the subject's visits plus the contacts it returns. */
export function visitsRepository(db: Kysely<DB>) {
  return {
    /** A subject's visits overlapping [from, to), oldest first. */
    async ofSubject(subject: string, from: number, to: number): Promise<VisitSpan[]> {
      const rows = await db
        .selectFrom('visit')
        .select(['site_id', 'subject', 'name', 'time_in', 'time_out', 'effective_out'])
        .where('subject', '=', subject)
        .where('day', '>=', dayFloor(from))
        .where('day', '<', to)
        .where('time_in', '<', to)
        .where('effective_out', '>', from)
        .orderBy('time_in')
        .orderBy('site_id')
        .execute();
      return rows.map(toSpan);
    },

    /** Visits at a site on a local day still open at `now` (who is inside: the roll call). */
    async openAt(siteId: string, day: number, now: number): Promise<VisitSpan[]> {
      const rows = await db
        .selectFrom('visit')
        .select(['site_id', 'subject', 'name', 'time_in', 'time_out', 'effective_out'])
        .where('site_id', '=', siteId)
        .where('day', '=', day)
        .where('time_out', 'is', null)
        .where('effective_out', '>', now)
        .execute();
      return rows.map(toSpan);
    },

    /**
     * One page of contacts grouped per person, longest total overlap first (then by subject), with how many
     * there are in all. The join reads only the covering (site_id, day, time_in, …) index of the visited days.
     */
    async contactPage(w: TraceWindow, limit: number, after: ContactCursor | null): Promise<{ contacts: ContactTotal[]; total: number }> {
      if (w.mine.length === 0) return { contacts: [], total: 0 };
      const afterCond = after
        ? sql`where c.overlap_ms < ${after.overlapMs} or (c.overlap_ms = ${after.overlapMs} and c.subject > ${after.subject})`
        : sql``;
      // Reads only the covering index (no name: the page's names come with its visits, contactVisits).
      const { rows } = await sql<{ subject: string; overlap_ms: number | string; total: number | string }>`
        ${withMine(w)}
        select c.subject, c.overlap_ms, c.total from (
          select o.subject as subject, sum(${overlapMsExpr}) as overlap_ms, count(*) over () as total
          from ${overlapJoin(w)}
          group by o.subject
        ) c ${afterCond}
        order by c.overlap_ms desc, c.subject
        limit ${limit}`.execute(db);
      // The window count runs before the cursor's filter, so every page carries the full total.
      const total = rows.length > 0 ? Number(rows[0]!.total) : 0;
      return { contacts: rows.map((r) => ({ subject: r.subject, overlapMs: Number(r.overlap_ms) })), total };
    },

    /** Each overlapping pair (the contact's visit, and the subject's visit it overlapped) for these contacts. */
    async contactVisits(w: TraceWindow, subjects: readonly string[]): Promise<Array<{ contact: VisitSpan; mine: { timeIn: number; effectiveOut: number } }>> {
      if (w.mine.length === 0 || subjects.length === 0) return [];
      const { rows } = await sql<{
        site_id: string; subject: string; name: string | null; time_in: number; time_out: number | null; effective_out: number; m_in: number; m_out: number;
      }>`${withMine(w)}
        select o.site_id, o.subject, o.name, o.time_in, o.time_out, o.effective_out, m.time_in as m_in, m.effective_out as m_out
        from ${overlapJoin(w)} and o.subject in (${sql.join(shapedList(subjects))})
        order by o.subject, o.time_in, m.time_in`.execute(db);
      return rows.map((r) => ({ contact: toSpan(r), mine: { timeIn: Number(r.m_in), effectiveOut: Number(r.m_out) } }));
    },
  };
}
export type VisitsRepository = ReturnType<typeof visitsRepository>;
