import type { Collection } from 'dexie';
import type { CheckIn, Direction } from '../protocol/checkin';
import type { Visitor } from '../protocol/visitor';
import { periodStart } from '../domain/auto-direction';
import { uuid7 } from '../domain/uuid7';
import { storedClock, wireClock, type ClockAnchor } from '../domain/record-clock';
import { sessionNow, type SessionTime } from './clock-anchors';
import type { GatelogDb, OutboxRow } from './gatelog-db';
import { getSettings, setSetting } from './settings';

/**
 * Appends one check-in. Resolves only after the transaction has committed (strict durability),
 * so the caller may then tell the attendant "logged". The row takes the site of the enrolment current
 * in the same transaction, and what places it in true time later (src/domain/record-clock.ts): `at`, the scan on
 * the clock of the session that syncs it (the page's, when the page's desk worker writes it).
 */
export async function logCheckIn(
  db: GatelogDb,
  visitor: Visitor,
  direction: Direction,
  now = Date.now(),
  at: SessionTime = sessionNow(),
  match?: Pick<CheckIn, 'outcome' | 'watchlistId'>,
): Promise<OutboxRow> {
  return db.transaction('rw', db.outbox, db.settings, async () => {
    // One read, then both writes queued together: on a slow tablet each await here is a trip through the page's busy
    // main thread while the transaction stays open (issue #14).
    const { nextSeq: seq = 0, siteId, clockAnchors = [] } = await getSettings(db, ['nextSeq', 'siteId', 'clockAnchors']);
    const clock = storedClock(clockAnchors);
    const row: OutboxRow = {
      id: uuid7(now),
      seq,
      direction,
      deviceTime: now,
      visitor,
      syncState: 'pending',
      session: at.session,
      perfAt: at.perf,
      ...(clock ? { clock } : {}),
      ...(siteId ? { siteId } : {}),
      ...(match?.outcome ? { outcome: match.outcome, ...(match.watchlistId ? { watchlistId: match.watchlistId } : {}) } : {}),
    };
    await Promise.all([setSetting(db, 'nextSeq', seq + 1), db.outbox.add(row)]);
    return row;
  });
}

export interface TodayCounts {
  in: number;
  out: number;
  /** Visitors whose last passage today was IN. */
  inside: number;
}

/** Local midnight of the day containing `now`. */
export function startOfDay(now: number): number {
  const d = new Date(now);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * Today's in/out/inside counters for the kiosk header. Inside: visitors whose last passage here went IN since
 * midnight, or since the site's closing time once it has passed (`closingMinutes`, issue #16).
 */
export async function countToday(db: GatelogDb, now = Date.now(), closingMinutes: number | null = null): Promise<TodayCounts> {
  const counts: TodayCounts = { in: 0, out: 0, inside: 0 };
  const last = new Map<string, { direction: Direction; at: number }>();
  // One read for the day, not a cursor: each cursor step is a task on the page's main thread (issue #14).
  const rows = await db.outbox.where('deviceTime').aboveOrEqual(startOfDay(now)).toArray();
  for (const r of rows) {
    if (r.outcome === 'refused') continue; // turned away at the gate (issue #16): never in, never out
    counts[r.direction]++;
    last.set(r.visitor.subject, { direction: r.direction, at: r.deviceTime });
  }
  const since = periodStart(now, closingMinutes);
  for (const p of last.values()) if (p.direction === 'in' && p.at >= since) counts.inside++;
  return counts;
}

/**
 * Number of records not yet acknowledged by the server. IndexedDB counts by walking the index, so the
 * screen asks for at most `upTo` (cheap at 200,000 queued; the sync engine asks for the exact total).
 */
export function countPending(db: GatelogDb, upTo?: number): Promise<number> {
  const pending = db.outbox.where('[syncState+seq]').between(['pending', -Infinity], ['pending', Infinity]);
  return upTo ? countUpTo(pending, upTo) : pending.count();
}

/**
 * The size of a plain index range, but `upTo` at most, walking no further than `upTo` entries: IndexedDB's count
 * walks the whole range even under a limit, and at 200,000 queued that walk held up the next check-in's commit
 * (issue #14).
 */
export async function countUpTo(range: Collection<OutboxRow, string>, upTo: number): Promise<number> {
  const beyond = await range.clone().offset(upTo - 1).limit(1).primaryKeys();
  return beyond.length ? upTo : range.count();
}

/** Records the server refused, counted up to `upTo`. */
export function countRejected(db: GatelogDb, upTo: number): Promise<number> {
  return countUpTo(db.outbox.where('[syncState+seq]').between(['rejected', -Infinity], ['rejected', Infinity]), upTo);
}

/** Records the server refused, for staff to review (never retried). */
export function listRejected(db: GatelogDb): Promise<OutboxRow[]> {
  return db.outbox.where('[syncState+seq]').between(['rejected', -Infinity], ['rejected', Infinity]).toArray();
}

/** The oldest pending records, in device order. */
export function takePending(db: GatelogDb, limit: number): Promise<OutboxRow[]> {
  return db.outbox.where('[syncState+seq]').between(['pending', -Infinity], ['pending', Infinity]).limit(limit).toArray();
}

/** Most recent check-ins, newest first, for the kiosk's recent list. */
export function listRecent(db: GatelogDb, limit: number): Promise<OutboxRow[]> {
  return db.outbox.orderBy('seq').reverse().limit(limit).toArray();
}

/** Strips local state: what goes on the wire (placed with the row's stored clock only). */
export function toWire(row: OutboxRow): CheckIn {
  // Stryker disable next-line ArrayDeclaration: any list without this row's session finds no anchor, as [] does (docs/mutation.md)
  return toWirePlaced(row, []);
}

/** What goes on the wire, placed in time with the clock anchors known now (src/domain/record-clock.ts). */
export function toWirePlaced(row: OutboxRow, anchors: readonly ClockAnchor[]): CheckIn {
  const { id, seq, direction, deviceTime, visitor, outcome, watchlistId, directionRevision } = row;
  const clock = wireClock(row, anchors);
  return {
    id,
    seq,
    direction,
    deviceTime,
    visitor,
    ...(clock ? { clock } : {}),
    ...(outcome ? { outcome } : {}),
    ...(watchlistId ? { watchlistId } : {}),
    ...(directionRevision ? { directionRevision } : {}),
  };
}
