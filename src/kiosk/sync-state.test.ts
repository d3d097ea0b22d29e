import { describe, expect, it } from 'vitest';
import type { SyncOutcome } from '../sync/push-engine';
import { canSendNow, syncStateOf, type SyncFacts } from './sync-state';

const base: SyncFacts = { enrolled: true, online: true, pending: 0, progress: undefined, lastOutcome: undefined };
const retry = (error: string): SyncOutcome => ({ kind: 'retry', error, accepted: 0, duplicates: 0, rejected: 0 });

describe('syncStateOf', () => {
  it('says offline, not "syncing 0/4", when the link is down (#11)', () => {
    expect(syncStateOf({ ...base, online: false, pending: 4, progress: { done: 0, total: 4 } })).toEqual({ kind: 'offline', pending: 4 });
    expect(syncStateOf({ ...base, pending: 4, progress: { done: 0, total: 4 }, lastOutcome: retry('network: TypeError') })).toEqual({ kind: 'offline', pending: 4 });
  });
  it('tells a server error from a missing link', () => {
    expect(syncStateOf({ ...base, pending: 4, lastOutcome: retry('HTTP 503') })).toEqual({ kind: 'retrying', pending: 4 });
  });
  it('shows progress while a run is sending, then synced', () => {
    expect(syncStateOf({ ...base, pending: 3, progress: { done: 1, total: 4 } })).toEqual({ kind: 'syncing', done: 1, total: 4 });
    expect(syncStateOf({ ...base, progress: { done: 4, total: 4 } })).toEqual({ kind: 'synced' });
  });
  it('puts enrolment first', () => {
    expect(syncStateOf({ ...base, enrolled: false, online: false, pending: 2 })).toEqual({ kind: 'notEnrolled', pending: 2 });
  });
  it('offers "send now" only when there is something to send and nothing sending', () => {
    expect(canSendNow({ kind: 'offline', pending: 4 })).toBe(true);
    expect(canSendNow({ kind: 'syncing', done: 1, total: 4 })).toBe(false);
    expect(canSendNow({ kind: 'synced' })).toBe(false);
    expect(canSendNow({ kind: 'offline', pending: 0 })).toBe(false);
    expect(canSendNow({ kind: 'notEnrolled', pending: 4 })).toBe(false);
  });
});
