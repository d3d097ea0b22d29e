import { useEffect } from 'preact/hooks';

/**
 * How often the live log and the roll call reload on their own (issue #11: ≤ 10 s; the roll call is used in
 * evacuations). Polling, not SSE: one small indexed query per open console page, through any proxy.
 */
export const AUTO_REFRESH_MS = 5_000;

/** Calls each `reload` every `ms` while the page is open; a hidden tab refreshes at once when shown again. */
export function useAutoRefresh(reloads: readonly (() => void)[], ms = AUTO_REFRESH_MS): void {
  useEffect(() => {
    const all = () => reloads.forEach((r) => r());
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') all();
    }, ms);
    const onVisible = () => document.visibilityState === 'visible' && all();
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [ms, ...reloads]);
}
