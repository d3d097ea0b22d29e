import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { writeQrVideo } from './fixtures/qr-video';
import { SCAN_FIXTURES } from './fixtures/visitors';
import { persistentCameraContext } from './support/browser';
import { readOutbox } from './support/outbox-reader';
import { startServer, type ServerHandle } from './support/server-process';

// Issue #12: one card held in front of the camera the whole time. Whatever happens to the tabs, it is one visit.
const CARD = SCAN_FIXTURES[0]!;
const dir = mkdtempSync(join(tmpdir(), 'gatelog-tabs-'));
let server: ServerHandle;
let context: BrowserContext;

before(async () => {
  await writeQrVideo(join(dir, 'card.y4m'), { codes: [CARD.code], framesPerCode: 60, blankFrames: 0, tailFrames: 0 });
  server = await startServer();
  context = await persistentCameraContext(join(dir, 'profile'), server.url, join(dir, 'card.y4m'));
});
after(async () => {
  await context?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const visitsOf = async (page: Page) => (await readOutbox(page)).filter((r) => r.visitor.subject === CARD.subject).length;

async function openKiosk(): Promise<Page> {
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-ready=true]');
  return page;
}

async function waitForVisits(page: Page, n: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while ((await visitsOf(page)) < n) {
    if (Date.now() > deadline) throw new Error(`never reached ${n} visits`);
    await page.waitForTimeout(200);
  }
}

test('a crash between commit and banner: the reloaded kiosk does not log the card still in view again', async () => {
  const first = await openKiosk();
  await waitForVisits(first, 1);
  const cdp = await context.newCDPSession(first);
  // The renderer dies (the CDP call never answers); the record is on disk.
  void cdp.send('Page.crash').catch(() => undefined);
  await new Promise((resolve) => first.once('crash', resolve));
  await first.close().catch(() => undefined);

  const reopened = await openKiosk();
  await reopened.locator('.camera video').waitFor();
  await reopened.waitForTimeout(4000); // the card stays in view: several seconds of frames
  assert.equal(await visitsOf(reopened), 1, 'one visit, not two');
  await reopened.close();
});

test('two tabs: only one runs the camera; the other says so and takes over on "Dùng tab này"', async () => {
  const a = await openKiosk();
  await a.locator('.camera video').waitFor();
  await a.waitForTimeout(3000);
  const before = await visitsOf(a);
  const b = await openKiosk();
  const elsewhere = b.getByTestId('camera-elsewhere');
  await elsewhere.waitFor();
  assert.equal(await b.locator('.camera video').count(), 0, 'the second tab does not open the camera');
  await b.waitForTimeout(3000);
  assert.equal(await visitsOf(b), before, 'the card in view is not logged by the second tab');

  await b.getByRole('button', { name: 'Dùng tab này' }).click();
  await a.getByTestId('camera-elsewhere').waitFor();
  await b.locator('.camera video').waitFor();
  assert.equal(await a.locator('.camera video').count(), 0, 'the first tab let the camera go');
  await b.waitForTimeout(3000);
  assert.equal(await visitsOf(b), before, 'still one visit for the card that never left the camera');
});
