import { periodStart } from '../domain/auto-direction';
import type { Direction } from '../protocol/checkin';
import type { GatelogDb, OutboxRow } from './gatelog-db';
import { startOfDay, type TodayCounts } from './outbox';
import { getSetting } from './settings';

/** What the tally knows of one day: counts, each visitor's latest passage, and how far it has read. */
interface Day {
  dayStart: number;
  corrections: number;
  /** Highest `seq` read: later records are the ones logged since. */
  lastSeq: number;
  /** Today's records read (refused ones too): checked against IndexedDB's count of today's records. */
  rows: number;
  in: number;
  out: number;
  last: Map<string, { direction: Direction; at: number }>;
}

/**
 * Today's in/out/inside counters for the kiosk header, the same figures as `countToday`, read incrementally: after
 * each check-in only the records logged since the last read (by `seq`), not the whole day again. At a busy gate
 * (3,000 visitors by the afternoon) re-reading the day after every check-in was a 60–280 ms main-thread task each
 * time at 4× CPU (issue #14). The day is read whole, in pages (one task each), at the first read, when the day
 * changes, after a direction correction (the `directionCorrections` setting), and whenever IndexedDB's count of
 * today's records is not what the tally has read (a record deleted, or written out of `seq` order).
 */
export class TodayTally {
  private day: Day | undefined;

  constructor(
    private readonly db: GatelogDb,
    private readonly pageSize = 400,
  ) {}

  /** Call within one read transaction over outbox and settings, so the count check sees what the reads saw. */
  async read(now = Date.now(), closingMinutes: number | null = null): Promise<TodayCounts> {
    const dayStart = startOfDay(now);
    const corrections = (await getSetting(this.db, 'directionCorrections')) ?? 0;
    let day = this.day?.dayStart === dayStart && this.day.corrections === corrections ? this.day : undefined;
    if (day) {
      apply(day, await this.db.outbox.where('seq').above(day.lastSeq).toArray());
      const total = await this.db.outbox.where('deviceTime').aboveOrEqual(dayStart).count();
      if (total !== day.rows) day = undefined;
    }
    day ??= await this.readWholeDay(dayStart, corrections);
    this.day = day;
    const since = periodStart(now, closingMinutes);
    let inside = 0;
    for (const p of day.last.values()) if (p.direction === 'in' && p.at >= since) inside++;
    return { in: day.in, out: day.out, inside };
  }

  private async readWholeDay(dayStart: number, corrections: number): Promise<Day> {
    // Read from the highest seq there is, not today's highest: a kiosk with a month's backlog and no visitor yet
    // today would otherwise read the whole backlog as "new" on its next read (200,000 records: a 4 s task at 4× CPU).
    const [highest] = await this.db.outbox.orderBy('seq').reverse().limit(1).keys();
    const day: Day = { dayStart, corrections, lastSeq: typeof highest === 'number' ? highest : -Infinity, rows: 0, in: 0, out: 0, last: new Map() };
    const today = () => this.db.outbox.where('deviceTime').aboveOrEqual(dayStart);
    for (let offset = 0; ; offset += this.pageSize) {
      const page = await today().offset(offset).limit(this.pageSize).toArray();
      apply(day, page);
      if (page.length < this.pageSize) return day;
    }
  }
}

function apply(day: Day, rows: readonly OutboxRow[]): void {
  for (const r of rows) {
    day.lastSeq = Math.max(day.lastSeq, r.seq);
    if (r.deviceTime < day.dayStart) continue;
    day.rows++;
    if (r.outcome === 'refused') continue; // turned away at the gate (issue #16): never in, never out
    day[r.direction]++;
    const seen = day.last.get(r.visitor.subject);
    if (!seen || seen.at <= r.deviceTime) day.last.set(r.visitor.subject, { direction: r.direction, at: r.deviceTime });
  }
}
