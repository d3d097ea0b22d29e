import type { RecordClock } from '../protocol/checkin';

/**
 * One server answer seen by one app session (a page load, or the service worker's life): the server's
 * clock and, at the same moment, the session's monotonic clock and the device clock. Within a session the
 * monotonic clock is immune to clock changes, so any record of that session can be placed in true time.
 */
export interface ClockAnchor {
  session: string;
  serverTime: number;
  /** performance.now() of that session when the answer arrived. */
  perf: number;
  deviceTime: number;
}

/** The local part of an outbox row that places it in time (see `recordClockSchema`). */
export interface ScanClock {
  deviceTime: number;
  /** The app session that logged it, and its monotonic clock at the scan. */
  session?: string;
  perfAt?: number;
  /** Fallback when the session never heard from the server: the last offset measured before the scan. */
  clock?: RecordClock;
}

/** Sessions whose anchors are kept: records of older sessions fall back to their stored offset. */
const KEPT_SESSIONS = 20;

/** Adds (or replaces) the session's anchor, newest first. */
export function withAnchor(anchors: readonly ClockAnchor[], anchor: ClockAnchor): ClockAnchor[] {
  return [anchor, ...anchors.filter((a) => a.session !== anchor.session)].slice(0, KEPT_SESSIONS);
}

/** What a scan can know without the server: the newest measured offset, marked unverifiable. */
export function storedClock(anchors: readonly ClockAnchor[]): RecordClock | undefined {
  const latest = anchors.reduce<ClockAnchor | undefined>((a, b) => (a && a.serverTime >= b.serverTime ? a : b), undefined);
  return latest && { basis: 'stored', offsetMs: Math.round(latest.serverTime - latest.deviceTime), measuredAt: latest.serverTime };
}

/**
 * The clock sent with a record: from its own session's anchor when there is one (the scan's true time is
 * the anchor's server time plus the monotonic time between them, before or after), else its stored offset.
 */
export function wireClock(row: ScanClock, anchors: readonly ClockAnchor[]): RecordClock | undefined {
  const anchor = row.session === undefined || row.perfAt === undefined ? undefined : anchors.find((a) => a.session === row.session);
  if (anchor && row.perfAt !== undefined) {
    return { basis: 'monotonic', offsetMs: Math.round(anchor.serverTime + (row.perfAt - anchor.perf) - row.deviceTime) };
  }
  return row.clock;
}
