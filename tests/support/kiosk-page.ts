import type { BrowserContext, Page } from 'playwright-core';
import type { OutboxRow } from '../../src/db/gatelog-db';
import { uuid7 } from '../../src/domain/uuid7';
import { readOutbox } from './outbox-reader';

/** Opens an enrolment link in a fresh page and waits until the kiosk holds its token and its worker is active. */
export async function openEnrolledKiosk(context: BrowserContext, enrolUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(enrolUrl);
  await page.waitForSelector('[data-enrolled=true]', { timeout: 15_000 });
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  return page;
}

/** Valid outbox rows as the kiosk writes them (for fault tests that need more records than a video can show). */
export function makeRows(n: number, seqFrom = 1000): OutboxRow[] {
  return Array.from({ length: n }, (_, i) => ({
    id: uuid7(),
    seq: seqFrom + i,
    direction: i % 3 === 2 ? 'out' : 'in',
    deviceTime: Date.now() - (n - i) * 1000,
    visitor: { kind: 'manual', subject: `09${String(10_000_000 + i)}`, name: `Hành khách số ${i}`, phone: `09${String(10_000_000 + i)}` },
    syncState: 'pending',
  }));
}

/** Puts rows straight into the kiosk's IndexedDB outbox. */
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

/** Polls the outbox until `done(rows)` holds. */
export async function waitForOutbox(page: Page, done: (rows: OutboxRow[]) => boolean, timeoutMs = 30_000): Promise<OutboxRow[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await readOutbox(page);
    if (done(rows)) return rows;
    if (Date.now() > deadline) throw new Error(`outbox never reached the expected state: ${JSON.stringify(rows.map((r) => r.syncState))}`);
    await page.waitForTimeout(250);
  }
}

/** Fires the service worker's Background Sync event through CDP, as Chrome does when connectivity returns. */
export async function fireBackgroundSync(page: Page, tag = 'gatelog-outbox'): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const origin = new URL(page.url()).origin;
  const registrationId = await new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', (e: { registrations: { registrationId: string; scopeURL: string; isDeleted: boolean }[] }) => {
      const reg = e.registrations.find((r) => r.scopeURL.startsWith(origin) && !r.isDeleted);
      if (reg) resolve(reg.registrationId);
    });
    void cdp.send('ServiceWorker.enable');
  });
  await cdp.send('ServiceWorker.dispatchSyncEvent', { origin, registrationId, tag, lastChance: false });
  await cdp.detach();
}

/** The page-side trigger: the `online` event (what the browser fires when the network returns). */
export function fireOnline(page: Page): Promise<void> {
  return page.evaluate(() => void window.dispatchEvent(new Event('online')));
}

/** Logs a visitor with no code through the kiosk's manual entry form (name and phone), until the form closes. */
export async function logManually(kiosk: Page, visitor: { name: string; phone: string }): Promise<void> {
  await kiosk.getByTestId('manual-open').click();
  await kiosk.locator('input[name=name]').fill(visitor.name);
  await kiosk.locator('input[name=contact]').fill(visitor.phone);
  await kiosk.getByRole('button', { name: 'Ghi lại' }).click();
  await kiosk.getByTestId('manual-form').waitFor({ state: 'detached' });
}
