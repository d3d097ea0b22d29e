/**
 * Runs `fn` unless another sync holds the lock — in this tab, another tab or the service worker
 * (Web Locks are shared across one origin). Without Web Locks, only this context is guarded.
 */
const SYNC_LOCK = 'gatelog-sync';
let localBusy = false;

export async function withSyncLock<T>(fn: () => Promise<T>): Promise<T | 'busy'> {
  const locks = (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks;
  if (locks) {
    return locks.request(SYNC_LOCK, { ifAvailable: true }, async (lock: Lock | null) => (lock ? fn() : ('busy' as const)));
  }
  if (localBusy) return 'busy';
  localBusy = true;
  try {
    return await fn();
  } finally {
    localBusy = false;
  }
}
