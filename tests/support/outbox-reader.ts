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
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
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
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
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
