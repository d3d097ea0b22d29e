import Dexie from 'dexie';

/**
 * How long the database must be quiet before the screen's live queries run again. A check-in's commit
 * is followed at once by its banner; the counters and the recent list follow this much later, all in one
 * render, so they never sit between a scan and its commit or its banner (issue #14).
 */
export const REFRESH_AFTER_MS = 60;

/** Re-reads one live query; resolves with a function that puts the new value on screen. */
export type Refresh = () => Promise<() => void>;

/** The screen's live queries, re-run together once the database has been quiet for `quietMs`. */
export class LiveRefresh {
  private readonly live = new Set<Refresh>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(private readonly quietMs = REFRESH_AFTER_MS) {}

  /** Adds a live query; returns its removal. */
  add(refresh: Refresh): () => void {
    this.live.add(refresh);
    return () => void this.live.delete(refresh);
  }

  /** The database changed: (re)start the quiet period. */
  readonly changed = (): void => {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // One refresh at a time; a change during one starts another after it.
      this.running = this.running.then(() => this.refreshAll());
    }, this.quietMs);
  };

  private async refreshAll(): Promise<void> {
    // One query after the other, not all at once: each starts in the task that delivered the previous one's result,
    // so a slow tablet's main thread does one query's work per task — all seven issued in one task took 60–70 ms
    // at 4× CPU throttling, a long task in the middle of a scan burst (issue #14). The kiosk's screen is one query
    // now, read by the desk worker in one transaction (src/kiosk/kiosk-screen.ts).
    const applies: (() => void)[] = [];
    for (const refresh of [...this.live]) applies.push(await refresh());
    // Every new value is set in this one task, so Preact renders once for all of them.
    for (const apply of applies) apply();
  }
}

/** The page's one instance, told of every commit in this page, other tabs and the service worker (Dexie's BroadcastChannel). */
export const liveRefresh = new LiveRefresh();
Dexie.on('storagemutated', liveRefresh.changed);
