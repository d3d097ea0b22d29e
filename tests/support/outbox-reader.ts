import type { Page } from 'playwright-core';
import type { OutboxRow } from '../../src/db/gatelog-db';

/**
 * Reads the kiosk's outbox straight from IndexedDB in the page (raw IndexedDB, not the app's code),
 * so the test checks what is really stored.
 */
export function readOutbox(page: Page): Promise<OutboxRow[]> {
  return page.evaluate(
    () =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open('gatelog');
        // Never create the database: opened before the kiosk has, an empty version 1 would block the kiosk's own
        // open (its upgrade waits for this connection) — the kiosk has logged nothing yet, so the outbox is empty.
        open.onupgradeneeded = () => open.transaction!.abort();
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve([]) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          db.onversionchange = () => db.close();
          const req = db.transaction('outbox').objectStore('outbox').getAll();
          req.onsuccess = () => {
            db.close();
            resolve(req.result as OutboxRow[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}

/** Number of pending records, counted on the outbox's [syncState+seq] index in raw IndexedDB. */
export function countPendingRaw(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('gatelog');
        open.onupgradeneeded = () => open.transaction!.abort(); // never create it (see readOutbox)
        open.onerror = () => (open.error?.name === 'AbortError' ? resolve(0) : reject(open.error));
        open.onsuccess = () => {
          const db = open.result;
          db.onversionchange = () => db.close();
          const range = IDBKeyRange.bound(['pending', -Infinity], ['pending', Infinity]);
          const req = db.transaction('outbox').objectStore('outbox').index('[syncState+seq]').count(range);
          req.onsuccess = () => {
            db.close();
            resolve(req.result);
          };
          req.onerror = () => reject(req.error);
        };
      }),
  );
}
