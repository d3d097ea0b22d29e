import { backoffDelay } from './backoff';
import type { SyncOutcome } from './push-engine';
import { BACKGROUND_SYNC_TAG } from './sync-channel';

export { BACKGROUND_SYNC_TAG };

/** While everything is synced, look again this often (cheap: an index count). */
const IDLE_CHECK_MS = 60_000;
/**
 * While the server cannot be reached at all (no connection: the request never left), try again this often, so the
 * queue goes out within 10 s of the link coming back (issue #11). Costs the server nothing; errors the server did
 * answer (5xx, timeouts) keep the exponential backoff that protects it.
 */
export const UNREACHABLE_RETRY_MS = 8_000;
/**
 * A check-in's push waits this long, and the check-ins logged meanwhile go with it: a queue of visitors is one
 * run, not a run (and a wake-up registration) per scan competing with the next scan's commit (issue #14).
 */
export const AFTER_CHECK_IN_MS = 1_000;

/** A retry because the request never reached the server (fetch's TypeError: offline, refused, DNS). */
export function isUnreachable(outcome: SyncOutcome): boolean {
  return outcome.kind === 'retry' && outcome.error === 'network: TypeError';
}

/**
 * The page's sync triggers: on start, on `online`, after each check-in while online, and on a timer
 * with exponential backoff and jitter after a failure. These alone carry browsers with no Background
 * Sync (Safari, Firefox); where it exists, a wake-up is also registered for the service worker.
 */
export class SyncScheduler {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private failures = 0;
  private running: Promise<void> | undefined;
  private again = false;
  private afterCheckIn: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly run: () => Promise<SyncOutcome>,
    private readonly onOutcome: (o: SyncOutcome) => void = () => {},
  ) {}

  start(): void {
    addEventListener('online', this.kick);
    this.kick();
  }

  stop(): void {
    removeEventListener('online', this.kick);
    clearTimeout(this.timer);
    clearTimeout(this.afterCheckIn);
    this.afterCheckIn = undefined;
  }

  /** A check-in was committed: push within AFTER_CHECK_IN_MS when online, and ask for a background wake-up either way. */
  checkInLogged(): void {
    if (this.afterCheckIn !== undefined) return;
    this.afterCheckIn = setTimeout(() => {
      this.afterCheckIn = undefined;
      void registerBackgroundSync();
      if (navigator.onLine) this.kick();
    }, AFTER_CHECK_IN_MS);
  }

  /** Runs a sync now (or right after the one in progress). */
  readonly kick = (): void => {
    if (this.running) {
      this.again = true;
      return;
    }
    clearTimeout(this.timer);
    this.running = this.run()
      .catch((e: Error): SyncOutcome => ({ kind: 'retry', error: e.message, accepted: 0, duplicates: 0, rejected: 0 }))
      .then((outcome) => {
        this.running = undefined;
        this.onOutcome(outcome);
        this.schedule(outcome);
      });
  };

  private schedule(outcome: SyncOutcome): void {
    if (this.again) {
      this.again = false;
      return this.kick();
    }
    switch (outcome.kind) {
      case 'done':
        this.failures = 0;
        this.timer = setTimeout(this.kick, IDLE_CHECK_MS);
        break;
      case 'retry':
      case 'busy': // another tab or the service worker is syncing; look again shortly
        this.failures++;
        this.timer = setTimeout(this.kick, isUnreachable(outcome) ? Math.min(UNREACHABLE_RETRY_MS, backoffDelay(this.failures)) : backoffDelay(this.failures));
        void registerBackgroundSync();
        break;
      case 'revoked':
      case 'deviceUnknown':
      case 'notEnrolled':
        break; // nothing to do until an admin or the attendant acts
    }
  }
}

/** Asks the browser to wake the service worker when connectivity returns (Chrome's Background Sync). */
export async function registerBackgroundSync(): Promise<boolean> {
  try {
    const reg = (await navigator.serviceWorker?.getRegistration()) as (ServiceWorkerRegistration & { sync?: { register(tag: string): Promise<void> } }) | undefined;
    if (!reg?.sync) return false;
    await reg.sync.register(BACKGROUND_SYNC_TAG);
    return true;
  } catch {
    return false;
  }
}
