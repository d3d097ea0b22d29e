import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeQrVideo } from './fixtures/qr-video';
import { SCAN_FIXTURES } from './fixtures/visitors';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { logInPage, passengers } from './support/kiosk-page';
import { readOutbox } from './support/outbox-reader';
import { startServer, type ServerHandle } from './support/server-process';

// Issue #12: the origin's quota exhausted while visitors keep coming.
const VISITORS = SCAN_FIXTURES.filter((f) => f.name).slice(0, 3);
const LEAD_IN_FRAMES = 100; // 10 s of empty camera: time to fill the disk before the first card
const QUEUED = 3;
const QUOTA_BYTES = 200_000;
const dir = mkdtempSync(join(tmpdir(), 'gatelog-full-'));
let server: ServerHandle;
let browser: Browser;

before(async () => {
  await writeQrVideo(join(dir, 'cards.y4m'), { codes: VISITORS.map((v) => v.code), blankFrames: LEAD_IN_FRAMES, framesPerCode: 15, tailFrames: 400 });
  server = await startServer();
  browser = await launchWithFakeCamera(join(dir, 'cards.y4m'));
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * Keeps the origin's storage full from inside the page: a second database takes every byte the quota allows,
 * then goes on grabbing whatever space compaction gives back, so the kiosk's own writes find none.
 */
function keepDiskFull(page: Page): Promise<void> {
  return page.evaluate(KEEP_DISK_FULL) as Promise<void>;
}

// Plain JavaScript text: tsx would wrap the named inner function in a `__name` helper the page lacks.
const KEEP_DISK_FULL = `new Promise((resolve) => {
  let bytes = 60000;
  const grab = () => {
    const open = indexedDB.open('filler', 1);
    open.onupgradeneeded = () => void open.result.createObjectStore('bytes', { autoIncrement: true });
    open.onsuccess = () => {
      const noise = new Uint8Array(bytes);
      crypto.getRandomValues(noise);
      const tx = open.result.transaction('bytes', 'readwrite');
      tx.objectStore('bytes').add(noise);
      tx.oncomplete = tx.onabort = (e) => {
        open.result.close();
        if (e.type === 'abort') {
          if (bytes <= 1024) resolve(); // full: from now on keep taking whatever frees up
          bytes = Math.max(256, Math.floor(bytes / 2));
        }
        setTimeout(grab, bytes <= 1024 ? 50 : 0);
      };
    };
  };
  grab();
})`;

test('storage full: one failure per visitor, a lasting "Bộ nhớ đầy" with the pending count, and the estimate shown', async () => {
  const context = await cameraContext(browser, server.url);
  // The quota is set before the origin's database opens (Chromium applies an override to storage opened after it).
  const cdp = await context.newCDPSession(await context.newPage());
  await cdp.send('Storage.overrideQuotaForOrigin', { origin: server.url, quotaSize: QUOTA_BYTES });
  const page = await context.newPage();
  const failures: string[] = [];
  await page.goto(server.url);
  await page.waitForSelector('[data-ready=true]');
  await logInPage(page, passengers(QUEUED));
  await page.close();
  // The kiosk opens with records queued; its camera starts the video from the top (an empty lead-in).
  const kiosk = await context.newPage();
  kiosk.on('console', (m) => void (m.text().startsWith('check-in write failed') && failures.push(m.text())));
  await kiosk.goto(server.url);
  await kiosk.waitForSelector('[data-ready=true]');
  await keepDiskFull(kiosk);

  const full = kiosk.getByTestId('storage-full');
  await full.waitFor({ timeout: 30_000 });
  await kiosk.waitForTimeout((VISITORS.length - 1) * (LEAD_IN_FRAMES + 15) * 100 + 4000); // every card has passed the camera
  assert.equal(failures.length, VISITORS.length, 'one failure per visitor, not one per frame');
  assert.match((await full.textContent())!, new RegExp(`Bộ nhớ đầy.* ${QUEUED} bản ghi chờ gửi`));
  assert.equal((await readOutbox(kiosk)).length, QUEUED, 'nothing half-written');
  assert.equal(await kiosk.getByTestId('outcome').count(), 0, 'the red banner went away; the lasting state stays');
  await kiosk.getByTestId('storage-estimate').waitFor();
  assert.ok(!['offline', 'retrying'].includes((await kiosk.getByTestId('sync-status').getAttribute('data-state')) ?? ''), 'the footer does not blame the network');
  await context.close();
});
