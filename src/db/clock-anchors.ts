import { withAnchor, type ClockAnchor } from '../domain/record-clock';
import type { GatelogDb } from './gatelog-db';
import { getSetting, setSetting } from './settings';

/** This JavaScript context's session: its monotonic clock means nothing to another page or worker. */
export const APP_SESSION: string = crypto.randomUUID();

/** A moment on one session's monotonic clock (see ScanClock). */
export interface SessionTime {
  session: string;
  perf: number;
}

/** Now, on this context's own session clock. */
export const sessionNow = (): SessionTime => ({ session: APP_SESSION, perf: performance.now() });

/** Keeps a server answer's time against this session's clocks; call inside the answer's transaction. */
export async function recordAnchor(db: GatelogDb, serverTime: number, perf = performance.now(), deviceTime = Date.now()): Promise<void> {
  const anchors = (await getSetting(db, 'clockAnchors')) ?? [];
  await setSetting(db, 'clockAnchors', withAnchor(anchors, { session: APP_SESSION, serverTime, perf, deviceTime }));
}

/** Every kept anchor (empty before the first server answer). */
export async function readAnchors(db: GatelogDb): Promise<ClockAnchor[]> {
  return (await getSetting(db, 'clockAnchors')) ?? [];
}
