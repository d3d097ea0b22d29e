import { useEffect, useState } from 'preact/hooks';
import { liveRefresh, type Refresh } from './live-refresh';

/** Re-runs a Dexie query whenever the database changes (in this tab, other tabs or the service worker), batched by liveRefresh. */
export function useLiveQuery<T>(query: () => Promise<T>, deps: unknown[], initial: T): T {
  const [value, setValue] = useState<T>(initial);
  useEffect(() => {
    let version = 0;
    let removed = false;
    const refresh: Refresh = async () => {
      const mine = ++version;
      try {
        const next = await query();
        // A newer read, or the component gone, wins over this one.
        return () => void (!removed && mine === version && setValue(() => next));
      } catch (e) {
        console.error('live query failed', e);
        return () => undefined;
      }
    };
    const remove = liveRefresh.add(refresh);
    void refresh().then((apply) => apply());
    return () => {
      removed = true;
      remove();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
