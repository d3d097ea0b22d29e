/** The BroadcastChannel on which a sync run (page or service worker) reports progress to every open page. */
export const SYNC_CHANNEL = 'gatelog-sync';

/** The Background Sync tag the page registers and the service worker answers. */
export const BACKGROUND_SYNC_TAG = 'gatelog-outbox';
