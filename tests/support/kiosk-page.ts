import type { BrowserContext, Page } from 'playwright-core';
import { build } from 'vite';
import type { GatelogDb, OutboxRow } from '../../src/db/gatelog-db';
import type { logCheckIn } from '../../src/db/outbox';
import type { Direction } from '../../src/protocol/checkin';
import type { Visitor } from '../../src/protocol/visitor';
import { readOutbox } from './outbox-reader';

/** Opens an enrolment link in a fresh page and waits until the kiosk holds its token and its worker is active. */
export async function openEnrolledKiosk(context: BrowserContext, enrolUrl: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(enrolUrl);
  await page.waitForSelector('[data-enrolled=true]', { timeout: 15_000 });
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  return page;
}

/** One visit to log in a page: `deviceTime` defaults to now. */
export interface PageCheckIn {
  visitor: Visitor;
  direction: Direction;
  deviceTime?: number;
}

/** `n` distinct passengers with valid manual entries (for tests that need more records than a video can show). */
export function passengers(n: number): PageCheckIn[] {
  return Array.from({ length: n }, (_, i) => {
    const phone = `09${String(10_000_000 + i)}`;
    return { visitor: { kind: 'manual', subject: phone, name: `Hành khách số ${i}`, phone }, direction: i % 3 === 2 ? 'out' : 'in', deviceTime: Date.now() - (n - i) * 1000 };
  });
}

let outboxBundle: Promise<string> | undefined;

/** The kiosk's own outbox module (tests/support/outbox-page-entry.ts) bundled for a page, once per test process. */
function bundledOutbox(): Promise<string> {
  outboxBundle ??= build({
    configFile: false,
    logLevel: 'silent',
    build: { write: false, minify: false, lib: { entry: new URL('./outbox-page-entry.ts', import.meta.url).pathname, formats: ['iife'], name: 'gatelogOutboxBundle' } },
  }).then((out) => {
    const first = Array.isArray(out) ? out[0] : out;
    if (!first || !('output' in first)) throw new Error('bundling the outbox for the page failed');
    return first.output[0].code;
  });
  return outboxBundle;
}

/**
 * Logs visits in the page through the kiosk's own write path — `logCheckIn` on the page's IndexedDB, as another
 * tab of the kiosk would — so each record gets its sequence number, site and clock as a scan's does. Returns them.
 */
export async function logInPage(page: Page, visits: PageCheckIn[]): Promise<OutboxRow[]> {
  // Evaluated through the DevTools protocol, which the page's Content Security Policy does not govern.
  if (!(await page.evaluate(() => 'gatelogOutbox' in globalThis))) await page.evaluate(await bundledOutbox());
  return page.evaluate(async (visits) => {
    type Outbox = { GatelogDb: typeof GatelogDb; logCheckIn: typeof logCheckIn };
    const { GatelogDb: Db, logCheckIn: log } = (globalThis as unknown as { gatelogOutbox: Outbox }).gatelogOutbox;
    const db = new Db();
    try {
      // Each `logCheckIn` joins one transaction, so the visits appear at once as a queue does after a day offline:
      // the kiosk's sync neither starts halfway through nor contends with thousands of commits.
      return await db.transaction('rw', db.outbox, db.settings, async () => {
        const rows: OutboxRow[] = [];
        for (const v of visits) rows.push(await log(db, v.visitor, v.direction, v.deviceTime ?? Date.now()));
        return rows;
      });
    } finally {
      db.close();
    }
  }, visits);
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
