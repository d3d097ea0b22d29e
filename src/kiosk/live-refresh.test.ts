import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GatelogDb } from '../db/gatelog-db';
import { logCheckIn } from '../db/outbox';
import { LiveRefresh, liveRefresh, REFRESH_AFTER_MS } from './live-refresh';

afterEach(() => vi.useRealTimers());

describe('LiveRefresh', () => {
  it('re-runs every live query once the database has been quiet, and applies them all in one go', async () => {
    vi.useFakeTimers();
    const refresh = new LiveRefresh(60);
    const log: string[] = [];
    for (const name of ['counts', 'recent']) {
      refresh.add(async () => {
        log.push(`read ${name}`);
        await Promise.resolve();
        return () => log.push(`apply ${name}`);
      });
    }
    // Three commits in a burst: nothing runs while they come, one refresh after the last.
    refresh.changed();
    await vi.advanceTimersByTimeAsync(40);
    refresh.changed();
    await vi.advanceTimersByTimeAsync(40);
    refresh.changed();
    await vi.advanceTimersByTimeAsync(59);
    expect(log).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(log).toEqual(['read counts', 'read recent', 'apply counts', 'apply recent']);
  });

  it('runs the live queries one after the other, each once the previous one has read (one per task on a slow tablet, #14)', async () => {
    vi.useFakeTimers();
    const refresh = new LiveRefresh(10);
    const log: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((resolve) => (release = resolve));
    refresh.add(async () => {
      log.push('read counts');
      await first;
      log.push('counts read');
      return () => log.push('apply counts');
    });
    refresh.add(async () => {
      log.push('read recent');
      return () => log.push('apply recent');
    });
    refresh.changed();
    await vi.advanceTimersByTimeAsync(10);
    expect(log).toEqual(['read counts']);
    release();
    await vi.advanceTimersByTimeAsync(0);
    expect(log).toEqual(['read counts', 'counts read', 'read recent', 'apply counts', 'apply recent']);
  });

  it('stops re-running a query once it is removed', async () => {
    vi.useFakeTimers();
    const refresh = new LiveRefresh(10);
    const reads = vi.fn(async () => () => undefined);
    const remove = refresh.add(reads);
    refresh.changed();
    await vi.advanceTimersByTimeAsync(10);
    remove();
    refresh.changed();
    await vi.advanceTimersByTimeAsync(10);
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it("hears the kiosk's own commits, and only after the check-in has committed", async () => {
    const db = new GatelogDb('live-refresh-1');
    let pendingSeen: number | undefined;
    const remove = liveRefresh.add(async () => {
      const n = await db.outbox.count();
      return () => (pendingSeen = n);
    });
    const committed = Date.now();
    await logCheckIn(db, { kind: 'opaque', subject: 'HS-1' }, 'in');
    expect(pendingSeen).toBeUndefined(); // not on the commit path
    await vi.waitFor(() => expect(pendingSeen).toBe(1), { timeout: 2000, interval: 10 });
    expect(Date.now() - committed).toBeGreaterThanOrEqual(REFRESH_AFTER_MS - 5);
    remove();
    db.close();
  });
});
