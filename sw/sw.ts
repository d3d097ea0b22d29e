/// <reference lib="webworker" />
import { clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { getDb } from '../src/db/gatelog-db';
import { APP_VERSION } from '../src/sync/app-version';
import { pushOutbox } from '../src/sync/push-engine';
// From the constants module, not the scheduler: the page's timers have no place in the service worker.
import { BACKGROUND_SYNC_TAG } from '../src/sync/sync-channel';

declare let self: ServiceWorkerGlobalScope;

interface SyncEvent extends ExtendableEvent {
  readonly tag: string;
  readonly lastChance: boolean;
}

// The app shell, the decoder worker and its .wasm: everything the kiosk needs to open and scan offline.
precacheAndRoute(self.__WB_MANIFEST);
cleanupOutdatedCaches();
// The first install takes the open page at once (nothing to swap under it); later versions still wait.
clientsClaim();

// The visitor-pass page works offline too (attendant-assisted passes at an island gate).
registerRoute(new NavigationRoute(createHandlerBoundToURL('/pass.html'), { allowlist: [/^\/pass\/?$/] }));
// Any other navigation (a reload, the start URL, an enrolment link) opens the cached shell; the API is never cached.
registerRoute(new NavigationRoute(createHandlerBoundToURL('/index.html'), { denylist: [/^\/api\//, /^\/admin/, /^\/pass/, /^\/s\//] }));

// A waiting version takes over only when the attendant agrees (see src/kiosk/sw-bridge.ts).
self.addEventListener('message', (event) => {
  if ((event.data as { type?: string } | null)?.type === 'SKIP_WAITING') void self.skipWaiting();
});

/** Chrome gives a sync event about 3 minutes: stop starting batches well before that. */
const SYNC_BUDGET_MS = 150_000;

// Background Sync is only a wake-up call: the outbox in IndexedDB is the queue, read here.
self.addEventListener('sync', (event) => {
  const e = event as SyncEvent;
  if (e.tag !== BACKGROUND_SYNC_TAG) return;
  e.waitUntil(
    pushOutbox(getDb(), { appVersion: APP_VERSION, deadline: Date.now() + SYNC_BUDGET_MS }).then((outcome) => {
      // Rejecting asks the browser to retry later; on the last chance the page's own timers carry on.
      if (outcome.kind === 'retry' && !e.lastChance) throw new Error(outcome.error);
    }),
  );
});
