import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { appendFileSync, cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { logInPage, passengers } from './support/kiosk-page';
import { ROOT, startServer, type ServerHandle } from './support/server-process';

const dist = mkdtempSync(join(tmpdir(), 'gatelog-dist-'));
let server: ServerHandle;
let browser: Browser;
before(async () => {
  cpSync(join(ROOT, 'dist'), dist, { recursive: true });
  server = await startServer({ env: { GATELOG_STATIC_DIR: dist } });
  browser = await launchWithFakeCamera();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dist, { recursive: true, force: true });
});

test('a new version waits and is offered; the kiosk reloads only when the attendant taps Update, even under a notice', async () => {
  const context = await cameraContext(browser, server.url);
  const page = await context.newPage();
  await page.goto(server.url);
  await page.waitForSelector('[data-ready=true]');
  await page.evaluate(async () => void (await navigator.serviceWorker.ready));
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
  // A notice is showing (issue #12: its box used to cover the Update button): an unsent record past retention.
  await logInPage(page, passengers(1).map((v) => ({ ...v, deviceTime: Date.now() - 40 * 86_400_000 })));
  await page.reload();
  await page.getByTestId('overdue').waitFor();
  await page.evaluate(() => ((window as unknown as { marker: string }).marker = 'still the same page'));

  // Deploy a new version: the service worker script changes (a deploy replaces its precompressed copies too).
  appendFileSync(join(dist, 'sw.js'), '\n// new version\n');
  for (const ext of ['.br', '.gz']) rmSync(join(dist, `sw.js${ext}`), { force: true });
  await page.evaluate(async () => void (await (await navigator.serviceWorker.getRegistration())!.update()));
  const update = page.getByRole('button', { name: 'Cập nhật' });
  await update.waitFor({ timeout: 15_000 });
  await page.waitForTimeout(1500);
  assert.equal(await page.evaluate(() => (window as unknown as { marker?: string }).marker), 'still the same page', 'no reload on its own');
  assert.equal(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting)), true, 'the new worker waits');

  // A tap where the button is drawn, not a DOM click: whatever is on top at that point receives it.
  const box = (await update.boundingBox())!;
  await Promise.all([page.waitForEvent('load', { timeout: 10_000 }), page.mouse.click(box.x + box.width / 2, box.y + box.height / 2)]);
  await page.waitForSelector('[data-ready=true]');
  assert.equal(await page.evaluate(() => (window as unknown as { marker?: string }).marker), undefined, 'reloaded after the tap');
  assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.waiting), null);
  await context.close();
});
