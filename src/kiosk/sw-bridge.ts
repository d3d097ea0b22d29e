import { Workbox } from 'workbox-window';

export interface SwEvents {
  /** The app shell is cached: the kiosk now opens with no network. */
  onOfflineReady(): void;
  /** A new version is installed and waiting; call the returned function when the attendant agrees. */
  onUpdateWaiting(activate: () => void): void;
}

/**
 * Registers the service worker. A new version waits until the attendant taps "Update" —
 * never `skipWaiting` on its own, so the app cannot reload under a scan.
 */
export function registerServiceWorker(events: SwEvents): Workbox | undefined {
  if (!('serviceWorker' in navigator) || import.meta.env.DEV) return undefined;
  const wb = new Workbox('/sw.js', { scope: '/' });
  wb.addEventListener('activated', (e) => {
    if (!e.isUpdate) events.onOfflineReady();
  });
  wb.addEventListener('waiting', () => {
    events.onUpdateWaiting(() => {
      wb.addEventListener('controlling', () => window.location.reload());
      wb.messageSkipWaiting();
    });
  });
  void wb.register();
  return wb;
}
