import { wrap } from 'comlink';
import { APP_SESSION } from '../db/clock-anchors';
import type { DeskApi } from './desk-api';

/** The desk's calls as the page makes them: every one answered asynchronously, wherever the desk runs. */
export type Desk = { [K in Exclude<keyof DeskApi, 'init'>]: (...args: Parameters<DeskApi[K]>) => Promise<Awaited<ReturnType<DeskApi[K]>>> };

/**
 * The page's handle on the desk (src/kiosk/desk-api.ts), started with the kiosk and kept for the page's life: in the
 * desk worker, so check-ins and the screen's reads leave the main thread free (issue #14); in the page itself when
 * the worker cannot start (no module workers, a script that did not load), so the kiosk still works, only slower.
 */
export function startDesk(): Desk {
  const inPage = async () => {
    const api = (await import('./desk-api')).createDeskApi();
    api.init(APP_SESSION, performance.timeOrigin);
    return api;
  };
  const ready = new Promise<Pick<DeskApi, keyof Desk> | Desk>((resolve) => {
    try {
      const worker = new Worker(new URL('./worker/desk-worker.ts', import.meta.url), { type: 'module', name: 'desk' });
      const remote = wrap<DeskApi>(worker);
      let started = false;
      worker.addEventListener('error', () => {
        if (started) return;
        console.warn('desk worker failed to start: the page runs the desk');
        resolve(inPage());
      });
      // The answer to init says the worker runs; no call reaches it before (a dead worker would never answer them).
      void remote.init(APP_SESSION, performance.timeOrigin).then(() => {
        started = true;
        resolve(remote);
      });
    } catch {
      resolve(inPage());
    }
  });
  return {
    prepare: async (...a) => (await ready).prepare(...a),
    scanned: async (...a) => (await ready).scanned(...a),
    manual: async (...a) => (await ready).manual(...a),
    screen: async (...a) => (await ready).screen(...a),
  };
}
