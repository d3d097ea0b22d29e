import type { GatelogDb, OutboxRow } from '../db/gatelog-db';
import { countPending, countRejected, listRecent, type TodayCounts } from '../db/outbox';
import { countHeld } from '../db/records-by-site';
import { countOverdue } from '../db/retention';
import { getAllSettings, type Settings } from '../db/settings';
import type { TodayTally } from '../db/today-tally';
import { closingMinutes } from '../protocol/site-gate-limits';
import { DEFAULT_POLICY } from '../protocol/visitor-limits';
import { COUNT_CAP } from './capped-count';

/** Everything the kiosk screen shows from its database, read at one moment. */
export interface KioskScreen {
  settings: Partial<Settings>;
  counts: TodayCounts;
  /** Counted up to COUNT_CAP, like the others below. */
  pending: number;
  rejected: number;
  held: number;
  /** Unsynced records older than the site's retention. */
  overdue: number;
  /** Newest first. */
  recent: OutboxRow[];
}

export const RECENT_ROWS = 20;

/**
 * Reads the whole screen in one read-only transaction: one consistent snapshot, and one message back to the page
 * when the desk worker reads it (issue #14). The closing time and retention are the settings read in it.
 */
export function readKioskScreen(db: GatelogDb, tally: TodayTally, now = Date.now()): Promise<KioskScreen> {
  return db.transaction('r', db.outbox, db.settings, async () => {
    // One read after the other: in one task each, never all in one (see src/kiosk/live-refresh.ts).
    const settings = await getAllSettings(db);
    const counts = await tally.read(now, closingMinutes(settings.gate?.closingTime));
    const pending = await countPending(db, COUNT_CAP);
    const rejected = await countRejected(db, COUNT_CAP);
    const held = await countHeld(db, COUNT_CAP);
    const overdue = await countOverdue(db, settings.policy?.retentionDays ?? DEFAULT_POLICY.retentionDays, now, COUNT_CAP);
    const recent = await listRecent(db, RECENT_ROWS);
    return { settings, counts, pending, rejected, held, overdue, recent };
  });
}
