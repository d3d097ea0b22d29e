import type { Page } from 'playwright-core';
import type { OutboxRow } from '../../src/db/gatelog-db';

/**
 * Puts `n` pending CCCD check-ins, `step` ms apart (default 10 s) from `ago` ms ago (default 30 days), straight into
 * the kiosk's outbox (the app must have opened its database once), alternately IN and OUT. Evaluate as `${SEED}(n)`
 * or `${SEED}(n, ago, step)` in a page of the app's origin.
 */
// Written as plain JavaScript text: tsx would wrap named functions in a helper the page lacks.
export const SEED = `(async (n, ago = 30 * 86400000, step = 10000) => {
  const db = await new Promise((res, rej) => { const o = indexedDB.open('gatelog'); o.onsuccess = () => res(o.result); o.onerror = () => rej(o.error); });
  const hex = (v, len) => v.toString(16).padStart(len, '0');
  const start = Date.now() - ago;
  for (let done = 0; done < n; ) {
    const tx = db.transaction('outbox', 'readwrite');
    const store = tx.objectStore('outbox');
    for (let k = 0; k < 10000 && done < n; k++, done++) {
      const t = start + done * step;
      const id = hex(t, 12).replace(/^(.{8})(.{4})$/, '$1-$2') + '-7' + hex(done % 4096, 3) + '-8' + hex(done % 4096, 3) + '-' + hex(done, 12);
      const subject = '0791900' + String(10000 + (done % 90000));
      store.put({ id, seq: done, direction: done % 2 ? 'out' : 'in', deviceTime: t, syncState: 'pending',
        visitor: { kind: 'cccd', subject, idNumber: subject, name: 'Nguyễn Thị Ánh Tuyết ' + (done % 1000), birthYear: 1990, gender: 'Nữ' } });
    }
    await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
  }
  // The kiosk's next check-in comes after the seeded ones, as after a real day (seq is the device's order).
  const tx = db.transaction('settings', 'readwrite');
  const next = tx.objectStore('settings').get('nextSeq');
  next.onsuccess = () => tx.objectStore('settings').put({ key: 'nextSeq', value: Math.max(next.result?.value ?? 0, n) });
  await new Promise((res, rej) => { tx.oncomplete = res; tx.onerror = () => rej(tx.error); });
  db.close();
})`;

/** Puts rows straight into the kiosk's IndexedDB outbox, in one transaction (a benchmark's fixture; tests log through `logInPage`). */
export async function seedOutbox(page: Page, rows: OutboxRow[]): Promise<void> {
  await page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gatelog');
        open.onsuccess = () => {
          const tx = open.result.transaction('outbox', 'readwrite');
          for (const r of rows) tx.objectStore('outbox').put(r);
          tx.oncomplete = () => {
            open.result.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
        open.onerror = () => reject(open.error);
      }),
    rows,
  );
}

/**
 * Deletes the outbox rows logged at or after `since` (a bench page's own check-ins; seeded rows are older), on the
 * `deviceTime` index: the next kiosk on the same context finds exactly its queue again — and not the same visitors
 * logged within the kiosk's restart window, which it would rightly take as still in view and not log again
 * (src/kiosk/check-in-desk.ts). Call while no kiosk page of the context runs its camera.
 */
export function deleteOutboxSince(page: Page, since: number): Promise<void> {
  return page.evaluate(
    (since) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('gatelog');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('outbox', 'readwrite');
          const req = tx.objectStore('outbox').index('deviceTime').openCursor(IDBKeyRange.lowerBound(since));
          req.onsuccess = () => {
            const cursor = req.result;
            if (!cursor) return;
            cursor.delete();
            cursor.continue();
          };
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
    since,
  );
}
