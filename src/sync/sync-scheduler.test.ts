import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SyncOutcome } from './push-engine';
import { AFTER_CHECK_IN_MS, SyncScheduler, UNREACHABLE_RETRY_MS } from './sync-scheduler';

const unreachable: SyncOutcome = { kind: 'retry', error: 'network: TypeError', accepted: 0, duplicates: 0, rejected: 0 };
const serverError: SyncOutcome = { kind: 'retry', error: 'HTTP 503', accepted: 0, duplicates: 0, rejected: 0 };

/** Runs the scheduler with fake timers; returns when each run started (ms after the first). */
async function runTimes(outcomes: SyncOutcome[], spanMs: number): Promise<number[]> {
  vi.useFakeTimers();
  vi.stubGlobal('navigator', { onLine: true });
  vi.stubGlobal('addEventListener', () => {});
  vi.stubGlobal('removeEventListener', () => {});
  const started: number[] = [];
  const t0 = Date.now();
  const scheduler = new SyncScheduler(async () => {
    started.push(Date.now() - t0);
    return outcomes[Math.min(started.length - 1, outcomes.length - 1)]!;
  });
  scheduler.start();
  await vi.advanceTimersByTimeAsync(spanMs);
  scheduler.stop();
  return started;
}

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('SyncScheduler', () => {
  it('keeps trying an unreachable server every few seconds, so a 77 s outage ends in a sync within 10 s (#11)', async () => {
    const outcomes = [...Array<SyncOutcome>(12).fill(unreachable), { kind: 'done', accepted: 4, duplicates: 0, rejected: 0 } as const];
    const started = await runTimes(outcomes, 120_000);
    const gaps = started.slice(1, 13).map((t, i) => t - started[i]!);
    expect(gaps.length).toBe(12);
    for (const gap of gaps) expect(gap).toBeLessThanOrEqual(UNREACHABLE_RETRY_MS);
    expect(UNREACHABLE_RETRY_MS).toBeLessThan(10_000);
  });

  it('still backs off exponentially from a server that answers with errors', async () => {
    const started = await runTimes([serverError], 120_000);
    const gaps = started.slice(1).map((t, i) => t - started[i]!);
    expect(gaps.at(-1)!).toBeGreaterThan(UNREACHABLE_RETRY_MS);
    expect(started.length).toBeLessThan(8);
  });

  it('pushes a burst of check-ins in one run, within AFTER_CHECK_IN_MS of the first, not one run per scan (#14)', async () => {
    vi.useFakeTimers();
    vi.stubGlobal('navigator', { onLine: true });
    vi.stubGlobal('removeEventListener', () => {});
    const runs: number[] = [];
    const t0 = Date.now();
    const scheduler = new SyncScheduler(async () => {
      runs.push(Date.now() - t0);
      return { kind: 'done', accepted: 1, duplicates: 0, rejected: 0 };
    });
    for (let i = 0; i < 5; i++) {
      scheduler.checkInLogged();
      await vi.advanceTimersByTimeAsync(AFTER_CHECK_IN_MS / 5);
    }
    await vi.advanceTimersByTimeAsync(AFTER_CHECK_IN_MS);
    expect(runs).toEqual([AFTER_CHECK_IN_MS]);
    scheduler.checkInLogged(); // a later check-in gets a run of its own
    await vi.advanceTimersByTimeAsync(AFTER_CHECK_IN_MS);
    expect(runs.length).toBe(2);
    scheduler.stop();
  });
});
