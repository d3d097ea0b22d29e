import { DuplicateWindow } from '../domain/duplicate-window';
import { applyFieldPolicy } from '../domain/field-policy';
import { parseCode } from '../domain/parse-code';
import { checkPassSignature } from '../domain/pass-signature';
import type { PassKey } from '../protocol/site-config';
import type { RejectReason } from '../domain/parse-result';
import type { Direction } from '../protocol/checkin';
import { DEFAULT_POLICY } from '../protocol/visitor-limits';
import type { SitePolicy } from '../protocol/enrol';
import type { Visitor } from '../protocol/visitor';
import type { GatelogDb, OutboxRow } from '../db/gatelog-db';
import { logCheckIn } from '../db/outbox';
import { sessionNow, type SessionTime } from '../db/clock-anchors';
import { freeConfirmed, isQuotaError } from '../db/free-space';
import { previousVisit } from '../db/repeat-visitors';
import { findOnRoster, hasRoster } from '../db/roster';
import { findWatchlistMatch } from '../db/watchlist';
import { lastPassageHere } from '../db/occupancy';
import { autoDirection, periodStart } from '../domain/auto-direction';
import { closingMinutes } from '../protocol/site-gate-limits';
import type { SiteGate } from '../protocol/site-gate';

export type Outcome =
  | {
      kind: 'logged';
      row: OutboxRow;
      /** When this visitor last passed this kiosk (a returning guest), epoch ms. */
      previousVisitAt?: number;
      /** The site has a roster and this code is not on it. */
      notOnRoster?: boolean;
      /** The attendant changed its direction on the banner (issue #16). */
      corrected?: boolean;
      /** When the write started and when it committed, on the page's performance.now() clock (issue #14's stage breakdown). */
      writeStartedAt: number;
      committedAt: number;
      /** The visitor is on the watchlist with action `alert` (issue #16): let in, the console is alerted; the reason. */
      alert?: string;
    }
  /**
   * On the watchlist with action `refuse` (issue #16): not let in. The attempt is logged as a refused record (`row`;
   * absent only when the write failed — the person is refused all the same). `reason` is the entry's.
   */
  | { kind: 'refused'; reason: string; row?: OutboxRow; name?: string; writeStartedAt?: number; committedAt?: number }
  | { kind: 'rejected'; reason: RejectReason }
  /** Not stored. `storageFull`: for want of space even after freeing confirmed records; `name`: whose visit. */
  | { kind: 'writeFailed'; storageFull: boolean; name?: string }
  /** A Gatelog location poster, never a visitor: nothing is logged (issue #11). `siteName` when another site's. */
  | { kind: 'sitePoster'; own: boolean; siteName?: string };

/**
 * After a restart, a code logged this recently is taken as still in view (issue #12): a crash between the
 * commit and the banner must not log the visitor again when the same card is seen by the reloaded page.
 */
const RESTART_WINDOW_MS = 60_000;
/** Rounds of freeing confirmed records before a write is given up as "storage full". */
const FREE_ROUNDS = 3;

/** A made-up CCCD code (serial 000000), valid in form so the whole parser runs, once at start-up: see prepare(). */
const WARM_UP_CODE = '001090000000|000000000|Nguyễn Văn A|01011990|Nam|Hà Nội|01012020';

/** What the desk needs of the kiosk's settings at each scan. */
export interface DeskSettings {
  direction: Direction;
  policy?: SitePolicy;
  passKeys?: readonly PassKey[];
  /** Issue #16: in `auto` mode the direction follows who is inside, not `direction`. */
  gate?: SiteGate;
  siteId?: string;
  subjectKey?: string;
  clockOffsetMs?: number;
}

/**
 * Turns decoded texts and manual entries into committed check-ins: suppresses repeats,
 * parses, keeps only the site's fields, writes with strict durability, then reports.
 */
export class CheckInDesk {
  private readonly repeats = new DuplicateWindow();
  /** Subjects logged shortly before this desk started (read from the outbox once), by their device time. */
  private loggedBeforeStart: Promise<Map<string, number>> | undefined;
  private readonly startedAt = Date.now();

  constructor(
    private readonly db: GatelogDb,
    private readonly current: () => DeskSettings,
    /** The clock records are placed by, and the write's stage times are taken on (the page's, from a worker). */
    private readonly clock: () => SessionTime = sessionNow,
  ) {}

  /**
   * Does ahead, while the kiosk is idle, what the first scan would otherwise wait for (issue #14): the read of who
   * was logged just before start, and a first run of the parser, so the first visitor's task is not a cold one.
   */
  prepare(now = Date.now()): Promise<Outcome | undefined> {
    if (now - this.startedAt <= RESTART_WINDOW_MS) void this.recentBeforeStart();
    const parsed = parseCode(WARM_UP_CODE, new Date(now));
    return parsed.ok ? this.rehearseLog(parsed.visitor, now) : Promise.resolve(undefined);
  }

  /**
   * One whole check-in (watchlist, direction, write, returning-guest read) inside a transaction that is then rolled
   * back: nothing is stored and no one is told of a change, but the write path has run once before the first visitor.
   * Measured at 4× CPU: the first commit's task was 80–120 ms, later ones under 30 (issue #14). Resolves with the
   * outcome the rehearsal would have shown (the kiosk renders it once, off screen), never stored.
   */
  private async rehearseLog(visitor: Visitor, now: number): Promise<Outcome | undefined> {
    let rehearsed: Outcome | undefined;
    const rolledBack = new Error('rehearsal');
    await this.db
      .transaction('rw', this.db.tables, async () => {
        rehearsed = await this.log(visitor, now, true);
        throw rolledBack;
      })
      .catch((e: unknown) => {
        if (e !== rolledBack) console.warn('check-in rehearsal failed', (e as Error).name);
      });
    return rehearsed;
  }

  /** Handles one decoded text; null when it is a repeat of a code still in view. */
  async scanned(text: string, now = Date.now()): Promise<Outcome | null> {
    if (this.repeats.isRepeat(text, now)) return null;
    const parsed = parseCode(text, new Date(now));
    if (!parsed.ok) return { kind: 'rejected', reason: parsed.reason };
    if (parsed.claim) {
      const refused = await checkPassSignature(parsed.claim, this.current().passKeys ?? [], new Date(now));
      if (refused) return { kind: 'rejected', reason: refused };
    }
    if (await this.loggedJustBeforeStart(parsed.visitor.subject, now)) return null;
    let visitor = parsed.visitor;
    let notOnRoster = false;
    if (visitor.kind === 'opaque') {
      const entry = await findOnRoster(this.db, visitor.subject).catch(() => undefined);
      if (entry) visitor = { kind: 'badge', subject: entry.code, name: entry.name, ...(entry.group ? { group: entry.group } : {}) };
      else notOnRoster = await hasRoster(this.db).catch(() => false);
    }
    const outcome = await this.log(visitor, now);
    if (outcome.kind === 'logged' && notOnRoster) outcome.notOnRoster = true;
    // A failed write stays in the window: one failure per visitor, not one per frame; shown again, the card retries.
    return outcome;
  }

  /** Logs a visitor typed in by the attendant. */
  manual(visitor: Visitor, now = Date.now()): Promise<Outcome> {
    return this.log(visitor, now);
  }

  /** Subjects the outbox shows logged within RESTART_WINDOW_MS before this desk started, read once. */
  private recentBeforeStart(): Promise<Map<string, number>> {
    this.loggedBeforeStart ??= this.db.outbox
      .where('deviceTime')
      .between(this.startedAt - RESTART_WINDOW_MS, this.startedAt, true, true)
      .toArray()
      .then((rows) => new Map(rows.map((r) => [r.visitor.subject, r.deviceTime])))
      .catch(() => new Map<string, number>());
    return this.loggedBeforeStart;
  }

  /** True once per subject the outbox shows logged within RESTART_WINDOW_MS before this desk started. */
  private async loggedJustBeforeStart(subject: string, now: number): Promise<boolean> {
    if (now - this.startedAt > RESTART_WINDOW_MS) return false;
    const recent = await this.recentBeforeStart();
    if (!recent.has(subject)) return false;
    recent.delete(subject); // from now on the ordinary window keeps it suppressed while it stays in view
    return true;
  }

  /** The direction of this scan: the switch's, or in auto mode OUT for someone inside at this site (issue #16). */
  private async directionFor(subject: string, now: number): Promise<Direction> {
    const { direction, gate, siteId, subjectKey, clockOffsetMs = 0 } = this.current();
    if (gate?.directionMode !== 'auto') return direction;
    const latest = await lastPassageHere(this.db, subject, { siteId, subjectKey, clockOffsetMs }).catch(() => undefined);
    return autoDirection(latest, periodStart(now + clockOffsetMs, closingMinutes(gate.closingTime)));
  }

  /** `rehearsal`: the idle run of prepare(), rolled back: a failed write is only reported back, nothing is freed or logged. */
  private async log(visitor: Visitor, now: number, rehearsal = false): Promise<Outcome> {
    const { policy = DEFAULT_POLICY } = this.current();
    // Matched on everything the code carries, before the site's policy drops fields (a phone it does not keep).
    const match = await findWatchlistMatch(this.db, visitor).catch(() => undefined);
    const kept = applyFieldPolicy(visitor, policy.keptFields);
    const outcome = match ? { outcome: match.action === 'refuse' ? ('refused' as const) : ('alert' as const), watchlistId: match.id } : undefined;
    const direction = await this.directionFor(kept.subject, now);
    for (let round = 0; ; round++) {
      try {
        const at = this.clock();
        const writeStartedAt = at.perf;
        const row = await logCheckIn(this.db, kept, direction, now, at, outcome);
        const committedAt = this.clock().perf;
        if (match?.action === 'refuse') return { kind: 'refused', reason: match.reason, row, writeStartedAt, committedAt, ...(kept.name ? { name: kept.name } : {}) };
        if (match) {
          return { kind: 'logged', row, writeStartedAt, committedAt, alert: match.reason };
        }
        // "Returning guest" greets someone coming in; on the way out the earlier visit is this same one (issue #11).
        const previous = direction === 'in' ? await previousVisit(this.db, row.visitor.subject, row.seq).catch(() => undefined) : undefined;
        return { kind: 'logged', row, writeStartedAt, committedAt, ...(previous ? { previousVisitAt: previous.deviceTime } : {}) };
      } catch (e) {
        const full = isQuotaError(e);
        if (rehearsal) return { kind: 'writeFailed', storageFull: full };
        // Room is made only from records the server already has, oldest first.
        if (full && round < FREE_ROUNDS && (await freeConfirmed(this.db, now).catch(() => 0)) > 0) continue;
        console.error('check-in write failed', (e as Error).name, full ? 'storage full' : '');
        if (match?.action === 'refuse') return { kind: 'refused', reason: match.reason, ...(kept.name ? { name: kept.name } : {}) };
        return { kind: 'writeFailed', storageFull: full, ...(kept.name ? { name: kept.name } : {}) };
      }
    }
  }
}
