import type { SyncOutcome, SyncProgress } from '../sync/push-engine';
import { isUnreachable } from '../sync/sync-scheduler';

/**
 * What the footer says about sending the log (issue #11). One model, worked out in one place, so the kiosk's other
 * states (revoked, unknown device, storage full: issue #12) are added here as new kinds, above the ones they outrank.
 */
export type SyncState =
  /** No device token yet: records are kept on the tablet until it is enrolled. */
  | { kind: 'notEnrolled'; pending: number }
  /** No connection (the browser says so, or the last try never reached the server). */
  | { kind: 'offline'; pending: number }
  | { kind: 'syncing'; done: number; total: number }
  /** The server answered with an error; the scheduler tries again later. */
  | { kind: 'retrying'; pending: number }
  /** Records wait for the next run (it starts on its own). */
  | { kind: 'waiting'; pending: number }
  | { kind: 'synced' };

export interface SyncFacts {
  enrolled: boolean;
  /** navigator.onLine */
  online: boolean;
  pending: number;
  progress: SyncProgress | undefined;
  /** The outcome of the page's last sync run, if any. */
  lastOutcome: SyncOutcome | undefined;
}

/** The footer's state, from the most to the least pressing fact. */
export function syncStateOf(f: SyncFacts): SyncState {
  if (!f.enrolled) return { kind: 'notEnrolled', pending: f.pending };
  if (!f.online || (f.lastOutcome && isUnreachable(f.lastOutcome))) return { kind: 'offline', pending: f.pending };
  if (f.progress && f.progress.done < f.progress.total) return { kind: 'syncing', done: f.progress.done, total: f.progress.total };
  if (f.pending === 0) return { kind: 'synced' };
  if (f.lastOutcome?.kind === 'retry') return { kind: 'retrying', pending: f.pending };
  return { kind: 'waiting', pending: f.pending };
}

/** Whether "Gửi ngay" makes sense: something to send, a token to send it with, and no run already sending. */
export function canSendNow(s: SyncState): boolean {
  return (s.kind === 'offline' || s.kind === 'retrying' || s.kind === 'waiting') && s.pending > 0;
}
