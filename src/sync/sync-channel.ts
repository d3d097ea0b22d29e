/** The BroadcastChannel on which a sync run (page or service worker) reports progress to every open page. */
export const SYNC_CHANNEL = 'gatelog-sync';
