import { PostgresAdapter, sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { CheckinOutcome, Direction } from '../../src/protocol';
import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import { shapedList } from '../db/chunks';
import type { CheckinTable, DB } from '../db/schema';
import { localDayHour } from '../reports/local-calendar';
import { endOfDay, startOfDay } from '../trace/day-bounds';
import { pairVisits, type GateEvent } from '../trace/pair-visits';
import type { ClosingTimes } from '../trace/visit-periods';
import { closingMinutes } from '../../src/protocol/site-gate';
import { addToSketch, emptySketch } from '../reports/visitor-sketch';
import { addScans, addToSketches, insertVisitors, recomputeSketches, replaceVisitors } from './site-counts';
import { insertVisits, replaceVisits } from './visits';

/**
 * The read side (issue #9) is derived from `checkin`, in the same transaction as the write that changes it:
 * visits are re-paired for each (subject, local day) key a write touches — visits never cross local midnight,
 * so a key's own events are all its pairing needs, however late or out of order they arrive — and scans are
 * counted per site and local hour. `rebuildReadSide` derives all of it from scratch; tests compare the two.
 */

/** One subject on one local day (start of the day, epoch ms): the unit that is re-paired. */
export interface SubjectDay {
  subject: string;
  day: number;
}

export const EVENT_COLUMNS = ['id', 'site_id', 'subject', 'name', 'direction', 'seq', 'corrected_time'] as const;

export const toEvent = (r: Pick<CheckinTable, (typeof EVENT_COLUMNS)[number]>): GateEvent => ({
  id: r.id,
  siteId: r.site_id,
  subject: r.subject,
  name: r.name,
  direction: r.direction as Direction,
  seq: Number(r.seq),
  correctedTime: Number(r.corrected_time),
});

/**
 * A refused attempt (issue #16: the watchlist turned the person away at the gate) is stored with the check-ins
 * but was no visit and no scan of the gate's poster: the read side (visits, counts, sketches) leaves it out.
 */
const REFUSED: CheckinOutcome = 'refused';
export const isVisit = (eb: ExpressionBuilder<DB, 'checkin'>) => eb.or([eb('outcome', 'is', null), eb('outcome', '<>', REFUSED)]);

/**
 * Every site's closing time in minutes after midnight (issue #16), for pairing: only sites that have one are listed,
 * a few rows, read in the transaction that pairs so a change of closing time and a re-pair see the same value.
 */
export async function closingTimesOf(trx: Kysely<DB>): Promise<ClosingTimes> {
  const rows = await trx.selectFrom('site').select(['id', 'closing_time']).where('closing_time', 'is not', null).execute();
  const out = new Map<string, number>();
  for (const r of rows) {
    const minutes = closingMinutes(r.closing_time);
    if (minutes !== null) out.set(r.id, minutes);
  }
  return out;
}

/** Keys per statement: well inside SQLite's and PostgreSQL's bound-parameter limits. */
const KEYS_PER_QUERY = 512;
/** Subjects per transaction of a rebuild. */
const REBUILD_SUBJECTS = 2048;

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

const isPostgres = (db: Kysely<DB>) => db.getExecutor().adapter instanceof PostgresAdapter;

/**
 * On PostgreSQL, two transactions re-pairing the same key at once would each miss the other's new events:
 * take a transaction-scoped advisory lock per key, in one order, before reading. SQLite has one writer.
 */
async function lockKeys(trx: Kysely<DB>, keys: readonly string[]): Promise<void> {
  if (keys.length === 0 || !isPostgres(trx)) return;
  await sql`select pg_advisory_xact_lock(h) from (select distinct hashtext(k) as h from unnest(${keys}::text[]) as k order by h) as ordered`.execute(trx);
}

/**
 * Re-derives the visits and daily visitors of these keys from their check-ins. Call inside a transaction.
 * `justStored`: ids this transaction inserted — a key whose events are all among them had no derived rows
 * yet, so there is nothing of it to delete (most keys at a busy port: a new passenger).
 */
export async function refreshKeys(trx: Kysely<DB>, keys: Iterable<SubjectDay>, timeZone: string, justStored?: ReadonlySet<string>): Promise<void> {
  const byDay = new Map<number, Set<string>>();
  for (const k of keys) {
    if (k.subject === PURGED_SUBJECT) continue; // anonymised rows are nobody: no visit, no visitor
    const set = byDay.get(k.day);
    if (set) set.add(k.subject);
    else byDay.set(k.day, new Set([k.subject]));
  }
  await lockKeys(trx, [...byDay].flatMap(([day, subjects]) => [...subjects].map((s) => `${s}\u0001${day}`)));
  const closing = byDay.size > 0 ? await closingTimesOf(trx) : new Map<string, number>();
  for (const [day, subjects] of [...byDay].sort((a, b) => a[0] - b[0])) {
    const end = endOfDay(day, timeZone);
    const dayText = localDayHour(day, timeZone).day;
    for (const chunk of chunks([...subjects], KEYS_PER_QUERY)) {
      const rows = await trx
        .selectFrom('checkin')
        .select(EVENT_COLUMNS)
        .where('subject', 'in', shapedList(chunk))
        .where('corrected_time', '>=', day)
        .where('corrected_time', '<', end)
        .where(isVisit)
        .execute();
      const events = rows.map(toEvent);
      const seenBefore = justStored ? [...new Set(events.filter((e) => !justStored.has(e.id)).map((e) => e.subject))] : chunk;
      await replaceVisits(trx, day, seenBefore, pairVisits(events, timeZone, closing), timeZone);
      await replaceVisitors(trx, dayText, seenBefore, events);
    }
  }
}

/** The keys a set of check-ins belongs to. */
export function keysOf(rows: ReadonlyArray<Pick<CheckinTable, 'subject' | 'corrected_time'>>, timeZone: string): SubjectDay[] {
  const seen = new Map<string, SubjectDay>();
  for (const r of rows) {
    const day = startOfDay(Number(r.corrected_time), timeZone);
    seen.set(`${r.subject}\u0001${day}`, { subject: r.subject, day });
  }
  return [...seen.values()];
}

/** Adds newly stored check-ins to the read side. Call inside the transaction that inserted them. */
export async function applyNewCheckins(trx: Kysely<DB>, stored: readonly CheckinTable[], timeZone: string): Promise<void> {
  const rows = stored.filter((r) => r.outcome !== REFUSED);
  if (rows.length === 0) return;
  await addScans(trx, rows, timeZone);
  await refreshKeys(trx, keysOf(rows, timeZone), timeZone, new Set(rows.map((r) => r.id)));
  await addToSketches(trx, visitorsOf(rows, timeZone));
}

/** (site, local day, subject) of check-ins. */
function visitorsOf(rows: ReadonlyArray<Pick<CheckinTable, 'site_id' | 'subject' | 'corrected_time'>>, timeZone: string) {
  return rows.map((r) => ({ site_id: r.site_id, day: localDayHour(Number(r.corrected_time), timeZone).day, subject: r.subject }));
}

/**
 * After check-ins were anonymised (retention, erasure): their visits and day visitors are re-derived, and the
 * month sketches of the site-months they were in rebuilt from who is left. Scan counts stay.
 */
export async function forgetCheckins(trx: Kysely<DB>, rows: ReadonlyArray<Pick<CheckinTable, 'site_id' | 'subject' | 'corrected_time'>>, timeZone: string): Promise<void> {
  await refreshKeys(trx, keysOf(rows, timeZone), timeZone);
  await recomputeSketches(trx, visitorsOf(rows, timeZone).map((v) => ({ siteId: v.site_id, month: v.day.slice(0, 7) })));
}

const TIME_ZONE_KEY = 'time_zone';

/**
 * Derives the whole read side from the check-ins (the backfill of an existing database, and the reference the
 * property tests compare the maintained read side with). Reports progress as (done, total) check-ins.
 */
export async function rebuildReadSide(
  db: Kysely<DB>,
  timeZone: string,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<void> {
  const total = Number((await db.selectFrom('checkin').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
  await db.transaction().execute(async (trx) => {
    for (const table of ['visit', 'site_hour_count', 'site_day_count', 'site_day_visitor', 'site_month_sketch'] as const) await trx.deleteFrom(table).execute();
  });
  let done = 0;
  const closing = await closingTimesOf(db);
  // Month sketches stay in memory until the end (4 KB per site-month: 500 sites × 13 months ≈ 26 MB).
  const sketches = new Map<string, Uint8Array>();
  // Subjects in chunks (skip-scan of the (subject, corrected_time) index), each chunk in one transaction.
  let after: string | null = null;
  for (;;) {
    let q = db.selectFrom('checkin').select('subject').distinct().where('subject', '<>', PURGED_SUBJECT).where(isVisit);
    if (after !== null) q = q.where('subject', '>', after);
    const subjects = (await q.orderBy('subject').limit(REBUILD_SUBJECTS).execute()).map((r) => r.subject);
    if (subjects.length === 0) break;
    after = subjects[subjects.length - 1]!;
    await db.transaction().execute(async (trx) => {
      const rows = await trx.selectFrom('checkin').select(EVENT_COLUMNS).where('subject', 'in', shapedList(subjects)).where(isVisit).execute();
      const events = rows.map(toEvent);
      await addScans(trx, rows, timeZone);
      // Pairing over all of a subject's days at once equals pairing each day alone (visits never cross midnight).
      await insertVisits(trx, pairVisits(events, timeZone, closing), timeZone);
      await insertVisitors(trx, events, timeZone);
      for (const v of visitorsOf(rows, timeZone)) {
        const key = `${v.site_id}\u0001${v.day.slice(0, 7)}`;
        addToSketch(sketches.get(key) ?? sketches.set(key, emptySketch()).get(key)!, v.subject);
      }
      done += rows.length;
    });
    onProgress(done, total);
  }
  await db.transaction().execute(async (trx) => {
    for (const [key, registers] of sketches) {
      const [site_id, month] = key.split('\u0001') as [string, string];
      await trx.insertInto('site_month_sketch').values({ site_id, month, registers }).execute();
    }
  });
  // Anonymised rows only count as scans: read them a week at a time so no single read holds them all.
  const bounds = await db
    .selectFrom('checkin')
    .select((eb) => [eb.fn.min('corrected_time').as('lo'), eb.fn.max('corrected_time').as('hi')])
    .where('subject', '=', PURGED_SUBJECT)
    .where(isVisit)
    .executeTakeFirst();
  if (bounds?.lo !== null && bounds?.lo !== undefined) {
    const hi = Number(bounds.hi);
    for (let from = Number(bounds.lo); from <= hi; from += 7 * 86_400_000) {
      const rows = await db
        .selectFrom('checkin')
        .select(['site_id', 'corrected_time'])
        .where('subject', '=', PURGED_SUBJECT)
        .where(isVisit)
        .where('corrected_time', '>=', from)
        .where('corrected_time', '<', Math.min(from + 7 * 86_400_000, hi + 1))
        .execute();
      await db.transaction().execute((trx) => addScans(trx, rows, timeZone));
      done += rows.length;
      onProgress(done, total);
    }
  }
  // Every site's visits now follow its current closing time (issue #16).
  await db.updateTable('site').set((eb) => ({ visits_closing_time: eb.ref('closing_time') })).execute();
  await db
    .insertInto('read_side_state')
    .values({ key: TIME_ZONE_KEY, value: timeZone })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: timeZone }))
    .execute();
}

/**
 * After migrating: builds the read side when it was never built (a database from before issue #9) or was
 * built for another GATELOG_TZ (local days moved). Prints progress through `log`.
 */
export async function ensureReadSide(db: Kysely<DB>, timeZone: string, log: (line: string) => void): Promise<void> {
  const state = await db.selectFrom('read_side_state').select('value').where('key', '=', TIME_ZONE_KEY).executeTakeFirst();
  if (state?.value === timeZone) return;
  const started = Date.now();
  let lastShown = -1;
  await rebuildReadSide(db, timeZone, (done, total) => {
    const pct = total === 0 ? 100 : Math.floor((done / total) * 100);
    if (pct >= lastShown + 10 || done === total) {
      lastShown = pct;
      log(`read side: ${done.toLocaleString('en')} / ${total.toLocaleString('en')} check-ins (${pct} %)`);
    }
  });
  log(`read side built for ${timeZone} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
