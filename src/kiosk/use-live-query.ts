import Dexie from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * How long the database must be quiet before the screen's live queries run again. A check-in's commit
 * is followed at once by its banner; the counters and the recent list follow this much later, all in one
 * render, so they never sit between a scan and its commit or its banner (issue #14).
 */
export const REFRESH_AFTER_MS = 60;

type Refresh = () => Promise<() => void>;
const live = new Set<Refresh>();
let timer: number | undefined;
let running: Promise<void> | undefined;

async function refreshAll(): Promise<void> {
  timer = undefined;
  const applies = await Promise.all([...live].map((refresh) => refresh()));
  // Every new value is set in this one task, so Preact renders once for all of them.
  for (const apply of applies) apply();
}

function scheduleRefresh(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = window.setTimeout(() => {
    // One refresh at a time; a change during one is picked up by the next.
    running = (running ?? Promise.resolve()).then(refreshAll).finally(() => (running = undefined));
  }, REFRESH_AFTER_MS);
}

// Fired after every commit in this page, and for commits in other tabs and the service worker (Dexie's BroadcastChannel).
if (typeof window !== 'undefined') Dexie.on('storagemutated', scheduleRefresh);

/** Re-runs a Dexie query whenever the database changes (in this tab, other tabs or the service worker), batched as above. */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let version = 0;
    const refresh: Refresh = async () => {
      const mine = ++version;
      try {
        const next = await query();
        return () => void (mine === version && setValue(() => next));
      } catch (e) {
        console.error('live query failed', e);
        return () => undefined;
      }
    };
    live.add(refresh);
    void refresh().then((apply) => apply());
    return () => {
      live.delete(refresh);
      version = -1;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
