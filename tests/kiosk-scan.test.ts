import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { writeQrVideo } from './fixtures/qr-video';
import { GARBAGE_CARD, SCAN_FIXTURES } from './fixtures/visitors';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { waitForOutbox } from './support/kiosk-page';
import { readOutbox } from './support/outbox-reader';
import type { OutboxRow } from '../src/db/gatelog-db';
import { startServer, type ServerHandle } from './support/server-process';

const dir = mkdtempSync(join(tmpdir(), 'gatelog-scan-'));
let server: ServerHandle;
let browser: Browser;

before(async () => {
  const codes = [...SCAN_FIXTURES.slice(0, 3).map((f) => f.code), GARBAGE_CARD.code, ...SCAN_FIXTURES.slice(3).map((f) => f.code)];
  await writeQrVideo(join(dir, 'scan.y4m'), { codes, leadFrames: 30, tailFrames: 150 });
  server = await startServer();
  browser = await launchWithFakeCamera(join(dir, 'scan.y4m'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a code held beside the frame guide is still logged: every few frames the whole frame is decoded (#14)', async () => {
  const video = join(dir, 'beside-the-guide.y4m');
  const beside = SCAN_FIXTURES[1]!;
  // 1280×720 as the kiosk asks for; a small code in the top-left corner, wholly outside the guide's region.
  await writeQrVideo(video, { codes: [beside.code], width: 1280, height: 720, fps: 10, framesPerCode: 20, blankFrames: 5, tailFrames: 60, size: 0.35, place: 'top-left' });
  const cornerBrowser = await launchWithFakeCamera(video);
  try {
    const context = await cameraContext(cornerBrowser, server.url);
    const page = await context.newPage();
    await page.goto(server.url);
    const rows = await waitForOutbox(page, (r) => r.length > 0, 20_000);
    assert.deepEqual(rows.map((r) => r.visitor.subject), [beside.subject]);
    await page.waitForFunction(() => performance.getEntriesByName('scan-to-logged').length > 0);
    const foundIn = await page.evaluate(() => performance.getEntriesByName('scan-to-logged').map((e) => (e as PerformanceMeasure).detail?.foundIn));
    assert.deepEqual(foundIn, ['frame']);
  } finally {
    await cornerBrowser.close();
  }
});

test('without MediaStreamTrackProcessor (Safari, Firefox) the page grabs each frame for the worker and still logs every visitor (#14)', async () => {
  const context = await cameraContext(browser, server.url);
  // As a browser that cannot hand a track's frames to a worker: the kiosk falls back to its own frame loop.
  await context.addInitScript(() => void delete (globalThis as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor);
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForSelector('[data-ready=true]', { timeout: 15_000 });
    const subjects = SCAN_FIXTURES.map((f) => f.subject);
    const rows = await waitForOutbox(page, (r) => subjects.every((s) => r.some((x) => x.visitor.subject === s)), 30_000);
    assert.deepEqual(rows.map((r) => r.visitor.subject).sort(), [...subjects].sort());
    assert.equal(await page.evaluate(() => typeof (globalThis as { MediaStreamTrackProcessor?: unknown }).MediaStreamTrackProcessor), 'undefined');
  } finally {
    await context.close();
  }
});

test('while idle before its first visitor, the kiosk lays out a hidden banner holding every Vietnamese letter, then removes it (#14)', async () => {
  const context = await cameraContext(browser, server.url);
  // Every banner added to the page, as it is when added: hidden or not, its text, and whether it was removed.
  await context.addInitScript(() => {
    const seen: { hidden: boolean; ariaHidden: string | null; text: string; removed: boolean }[] = [];
    (globalThis as unknown as { __banners: typeof seen }).__banners = seen;
    const watched = new Map<Element, (typeof seen)[number]>();
    new MutationObserver((records) => {
      for (const r of records) {
        for (const n of r.addedNodes) {
          if (!(n instanceof HTMLElement) || !n.classList.contains('outcome')) continue;
          const entry = { hidden: getComputedStyle(n).visibility === 'hidden', ariaHidden: n.getAttribute('aria-hidden'), text: n.textContent ?? '', removed: false };
          seen.push(entry);
          watched.set(n, entry);
        }
        for (const n of r.removedNodes) if (watched.has(n as Element)) watched.get(n as Element)!.removed = true;
      }
    }).observe(document, { childList: true, subtree: true });
  });
  try {
    const page = await context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => (globalThis as unknown as { __banners: { ariaHidden: string | null; removed: boolean }[] }).__banners.some((b) => b.ariaHidden === 'true' && b.removed), null, { timeout: 15_000 });
    const rehearsals = (await page.evaluate(() => (globalThis as unknown as { __banners: { hidden: boolean; ariaHidden: string | null; text: string; removed: boolean }[] }).__banners)).filter((b) => b.ariaHidden === 'true');
    assert.equal(rehearsals.length, 1, 'rehearsed once');
    assert.equal(rehearsals[0]!.hidden, true, 'never visible');
    for (const letter of ['ễ', 'Ự', 'ỷ', 'đ', 'Đ', 'ơ']) assert.ok(rehearsals[0]!.text.includes(letter), `holds ${letter}`);
    assert.equal(await page.locator('.outcome[aria-hidden=true], .queue[aria-hidden=true]').count(), 0, 'gone from the page');
  } finally {
    await context.close();
  }
});

// Runs last: it stops the server to reopen the kiosk offline.
test('the kiosk logs each visitor shown to the camera exactly once, refuses the garbage card, and reopens offline', async () => {
  const context = await cameraContext(browser, server.url);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`); // an HTML name that ran as markup would open one
    void d.dismiss();
  });
  await page.goto(server.url);
  const rejected = page.waitForSelector(`[data-outcome=rejected][data-reason=${GARBAGE_CARD.reason}]`, { timeout: 30_000 });

  // Wait until every expected visitor is in the outbox (each code is in view for 1 s).
  const deadline = Date.now() + 30_000;
  let rows: OutboxRow[] = await readOutbox(page).catch(() => []);
  while (rows.length < SCAN_FIXTURES.length && Date.now() < deadline) {
    await page.waitForTimeout(250);
    rows = await readOutbox(page);
  }
  await rejected;
  await page.waitForTimeout(1500); // any late duplicate would land by now

  rows = await readOutbox(page);
  for (const f of SCAN_FIXTURES) {
    const mine = rows.filter((r) => r.visitor.subject === f.subject);
    assert.equal(mine.length, 1, `${f.subject} logged exactly once`);
    assert.equal(mine[0]!.visitor.name, f.name, `exact name for ${f.subject}`);
    assert.equal(mine[0]!.syncState, 'pending');
    assert.equal(mine[0]!.direction, 'in');
  }
  assert.equal(rows.length, SCAN_FIXTURES.length, 'nothing else logged');
  assert.ok(!rows.some((r) => r.visitor.subject === GARBAGE_CARD.subject), 'garbage card not logged');
  assert.equal(rows.find((r) => r.visitor.subject === '079190012345')!.visitor.address, undefined, 'address not kept by default');
  assert.equal(rows.find((r) => r.visitor.subject === 'HS-2024-00187')!.visitor.kind, 'opaque');
  assert.deepEqual([...rows].map((r) => r.seq).sort((a, b) => a - b), rows.map((_, i) => i), 'gapless sequence');
  // Written by the desk worker, not by the page (issue #14), in the page's session: its sync places them in time.
  assert.ok(page.workers().some((w) => /desk-worker/.test(w.url())), `workers: ${page.workers().map((w) => w.url()).join(', ')}`);
  assert.equal(new Set(rows.map((r) => r.session)).size, 1, 'one session');

  assert.equal(await page.getByTestId('count-in').textContent(), String(SCAN_FIXTURES.length));
  assert.equal(await page.getByTestId('count-pending').textContent(), String(SCAN_FIXTURES.length));
  const timings = await page.evaluate(() => performance.getEntriesByName('scan-to-logged').map((e) => e.duration));
  assert.equal(timings.length, SCAN_FIXTURES.length);
  // Codes held in the guide are read from its region, not from the whole frame (issue #14).
  const foundIn = await page.evaluate(() => performance.getEntriesByName('scan-to-logged').map((e) => (e as PerformanceMeasure).detail?.foundIn));
  assert.ok(foundIn.filter((f) => f === 'region').length >= SCAN_FIXTURES.length - 1, `found in: ${foundIn.join(', ')}`);
  console.log(`scan-to-logged ms: ${timings.map((t) => t.toFixed(0)).join(', ')}`);

  // The service worker has precached the shell: with the server gone, a reload still opens the app and its queue.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  await server.stop();
  await page.reload();
  await page.waitForSelector('[data-ready=true]', { timeout: 15_000 });
  const queue = page.getByTestId('queue');
  for (const f of SCAN_FIXTURES) if (f.name) await queue.getByText(f.name, { exact: true }).waitFor({ timeout: 5000 });
  assert.equal(await page.getByTestId('count-pending').textContent(), String(SCAN_FIXTURES.length));
  assert.equal((await readOutbox(page)).length, SCAN_FIXTURES.length);
  assert.equal(await page.locator('img[src=x]').count(), 0, 'HTML in a name is never rendered as markup');
  assert.deepEqual(errors, []);
  await context.close();
});
