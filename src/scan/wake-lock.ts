/**
 * Keeps the screen on while scanning. The browser drops the lock when the page is hidden,
 * so it is taken again each time the page becomes visible.
 */
export function holdWakeLock(): () => void {
  let sentinel: WakeLockSentinel | undefined;
  let released = false;
  const acquire = async (): Promise<void> => {
    if (released || document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
    sentinel = await navigator.wakeLock.request('screen').catch(() => undefined);
  };
  const onVisibility = (): void => void acquire();
  document.addEventListener('visibilitychange', onVisibility);
  void acquire();
  return () => {
    released = true;
    document.removeEventListener('visibilitychange', onVisibility);
    void sentinel?.release().catch(() => undefined);
  };
}
