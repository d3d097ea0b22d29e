import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SyncOutcome } from './push-engine';
import { AFTER_CHECK_IN_MS, BACKGROUND_SYNC_TAG, registerBackgroundSync, SyncScheduler } from './sync-scheduler';

// When the kiosk's page pushes its queue: after each outcome of a sync run, on `online`, after a check-in, and
// never twice at once (sync-scheduler.test.ts holds the retry cadence after failures).
const done: SyncOutcome = { kind: 'done', accepted: 1, duplicates: 0, rejected: 0 };
const serverError: SyncOutcome = { kind: 'retry', error: 'HTTP 503', accepted: 0, duplicates: 0, rejected: 0 };
const busy: SyncOutcome = { kind: 'busy' };

let listeners: Map<string, () => void>;
let onLine: boolean;
let wakeUps: string[];

beforeEach(() => {
  vi.useFakeTimers();
  listeners = new Map();
  onLine = true;
  wakeUps = [];
  const registration = { sync: { register: async (tag: string) => void wakeUps.push(tag) } };
  vi.stubGlobal('navigator', {
    get onLine() {
      return onLine;
    },
    serviceWorker: { getRegistration: async () => registration },
  });
  vi.stubGlobal('addEventListener', (type: string, fn: () => void) => listeners.set(type, fn));
  vi.stubGlobal('removeEventListener', (type: string, fn: () => void) => {
    if (listeners.get(type) === fn) listeners.delete(type);
  });
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** A scheduler whose runs return `outcomes` in turn (the last one repeating), recording when each started. */
function scheduler(outcomes: SyncOutcome[] | (() => Promise<SyncOutcome>)) {
  const started: number[] = [];
  const seen: SyncOutcome[] = [];
  const t0 = Date.now();
  const run =
    typeof outcomes === 'function'
      ? outcomes
      : async () => outcomes[Math.min(started.length - 1, outcomes.length - 1)]!;
  const s = new SyncScheduler(
    async () => {
      started.push(Date.now() - t0);
      return run();
    },
    (o) => seen.push(o),
  );
  return { s, started, seen };
}

describe('SyncScheduler runs', () => {
  it('syncs at start, then looks again every minute while all is synced', async () => {
    const { s, started, seen } = scheduler([done]);
    s.start();
    await vi.advanceTimersByTimeAsync(59_999);
    expect(started).toEqual([0]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 60_000]);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(started).toEqual([0, 60_000, 120_000]);
    expect(seen).toEqual([done, done, done]);
    s.stop();
    await vi.advanceTimersByTimeAsync(600_000);
    expect(started).toHaveLength(3); // stopped: no more runs
  });

  it('stops trying once the kiosk is revoked, unknown to the server or not enrolled', async () => {
    for (const kind of ['revoked', 'deviceUnknown', 'notEnrolled'] as const) {
      const { s, started } = scheduler([{ kind }]);
      s.start();
      await vi.advanceTimersByTimeAsync(3_600_000);
      expect(started, kind).toEqual([0]);
      s.stop();
    }
  });

  it('runs once more right after the run in progress when kicked during it, never two at once', async () => {
    let finish!: (o: SyncOutcome) => void;
    let inFlight = 0;
    let most = 0;
    const { s, started } = scheduler(() => {
      inFlight++;
      most = Math.max(most, inFlight);
      return new Promise<SyncOutcome>((resolve) => (finish = (o) => (inFlight--, resolve(o))));
    });
    s.start();
    s.kick();
    s.kick();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0]);
    finish(done);
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 0]); // the kicks during the run made one more run, at once
    finish(done);
    await vi.advanceTimersByTimeAsync(59_999);
    expect(started).toEqual([0, 0]);
    expect(most).toBe(1);
    s.stop();
  });

  it('syncs when the link comes back, and after a check-in only while online', async () => {
    const { s, started } = scheduler([done]);
    s.start();
    await vi.advanceTimersByTimeAsync(1_000);
    listeners.get('online')!();
    await vi.advanceTimersByTimeAsync(0);
    expect(started).toEqual([0, 1_000]);

    // A check-in asks for a push once AFTER_CHECK_IN_MS has passed (a burst of scans makes one run, #14).
    onLine = false;
    s.checkInLogged();
    await vi.advanceTimersByTimeAsync(AFTER_CHECK_IN_MS);
    expect(started).toEqual([0, 1_000]);
    expect(wakeUps).toEqual([BACKGROUND_SYNC_TAG]); // the service worker is asked to push when the link returns

    onLine = true;
    s.checkInLogged();
    s.checkInLogged();
    await vi.advanceTimersByTimeAsync(AFTER_CHECK_IN_MS - 1);
    expect(started).toEqual([0, 1_000]);
    await vi.advanceTimersByTimeAsync(1);
    expect(started).toEqual([0, 1_000, 1_000 + 2 * AFTER_CHECK_IN_MS]);
    s.stop();
    expect(listeners.has('online')).toBe(false);
  });

  it('treats a run that throws as a failure to retry, and tells the page', async () => {
    const { s, started, seen } = scheduler(async () => {
      throw new Error('boom');
    });
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(seen).toEqual([{ kind: 'retry', error: 'boom', accepted: 0, duplicates: 0, rejected: 0 }]);
    await vi.advanceTimersByTimeAsync(5_000); // first backoff: 2.5–5 s
    expect(started).toHaveLength(2);
    s.stop();
  });

  it('backs off while another tab syncs, asks for a wake-up, and starts from 5 s again after a success', async () => {
    vi.spyOn(Math, 'random').mockReturnValue(1); // the top of each jitter range
    const { s, started } = scheduler([busy, serverError, done, serverError]);
    s.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(wakeUps).toEqual([BACKGROUND_SYNC_TAG]);
    await vi.advanceTimersByTimeAsync(5_000 + 10_000 + 60_000 + 5_000);
    // busy → 5 s; 503 (second failure) → 10 s; done → 60 s idle; 503 after the success → 5 s again.
    expect(started).toEqual([0, 5_000, 15_000, 75_000, 80_000]);
    s.stop();
  });
});

describe('registerBackgroundSync', () => {
  it('registers the wake-up where Background Sync exists, and says no elsewhere', async () => {
    expect(await registerBackgroundSync()).toBe(true);
    expect(wakeUps).toEqual([BACKGROUND_SYNC_TAG]);
    vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => ({}) } });
    expect(await registerBackgroundSync()).toBe(false);
    vi.stubGlobal('navigator', {});
    expect(await registerBackgroundSync()).toBe(false);
    vi.stubGlobal('navigator', { serviceWorker: { getRegistration: async () => ({ sync: { register: async () => Promise.reject(new Error('denied')) } }) } });
    expect(await registerBackgroundSync()).toBe(false);
  });
});
