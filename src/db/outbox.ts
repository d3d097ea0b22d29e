import type { CheckIn, Direction } from '../protocol/checkin';
import type { Visitor } from '../protocol/visitor';
import { uuid7 } from '../domain/uuid7';
import { storedClock, wireClock, type ClockAnchor } from '../domain/record-clock';
import { APP_SESSION, readAnchors } from './clock-anchors';
import type { GatelogDb, OutboxRow } from './gatelog-db';
import { getSetting } from './settings';

/**
 * Appends one check-in. Resolves only after the transaction has committed (strict durability),
 * so the caller may then tell the attendant "logged". The row takes the site of the enrolment current
 * in the same transaction, and what places it in true time later (src/domain/record-clock.ts).
 */
export async function logCheckIn(db: GatelogDb, visitor: Visitor, direction: Direction, now = Date.now(), perfAt = performance.now()): Promise<OutboxRow> {
  return db.transaction('rw', db.outbox, db.settings, async () => {
    const seq = ((await db.settings.get('nextSeq'))?.value as number | undefined) ?? 0;
    await db.settings.put({ key: 'nextSeq', value: seq + 1 });
    const siteId = await getSetting(db, 'siteId');
    const clock = storedClock(await readAnchors(db));
    const row: OutboxRow = {
      id: uuid7(now),
      seq,
      direction,
      deviceTime: now,
      visitor,
      syncState: 'pending',
      session: APP_SESSION,
      perfAt,
      ...(clock ? { clock } : {}),
      ...(siteId ? { siteId } : {}),
    };
    await db.outbox.add(row);
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

/** Today's in/out/inside counters for the kiosk header. */
export async function countToday(db: GatelogDb, now = Date.now()): Promise<TodayCounts> {
  const counts: TodayCounts = { in: 0, out: 0, inside: 0 };
  const last = new Map<string, Direction>();
  await db.outbox
    .where('deviceTime')
    .aboveOrEqual(startOfDay(now))
    .each((r) => {
      counts[r.direction]++;
      last.set(r.visitor.subject, r.direction);
    });
  for (const d of last.values()) if (d === 'in') counts.inside++;
  return counts;
}

/**
 * Number of records not yet acknowledged by the server. IndexedDB counts by walking the index, so the
 * screen asks for at most `upTo` (cheap at 200,000 queued; the sync engine asks for the exact total).
 */
export function countPending(db: GatelogDb, upTo?: number): Promise<number> {
  const pending = db.outbox.where('[syncState+seq]').between(['pending', -Infinity], ['pending', Infinity]);
  return (upTo ? pending.limit(upTo) : pending).count();
}

/** Records the server refused, counted up to `upTo`. */
export function countRejected(db: GatelogDb, upTo: number): Promise<number> {
  return db.outbox.where('[syncState+seq]').between(['rejected', -Infinity], ['rejected', Infinity]).limit(upTo).count();
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
  const { id, seq, direction, deviceTime, visitor } = row;
  const clock = wireClock(row, anchors);
  return { id, seq, direction, deviceTime, visitor, ...(clock ? { clock } : {}) };
}
