import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeQrVideo } from '../tests/fixtures/qr-video';
import { cameraContext, launchWithFakeCamera } from '../tests/support/browser';
import { startServer, type ServerHandle } from './support/app-server';
import { cccdCodes } from './scan';
import { deleteOutboxSince, SEED } from './support/seed-outbox';
import { fmt, median, percentile, ratio, type BenchRow } from './support/stats';

const SIZES = [0, 50_000, 200_000];
const SCAN_CODES = 12;

const usage = (page: Page) => page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
/** When the page marked `name`; a page that never does fails naming the step and the marks it did make. */
const markTime = (page: Page, name: string, step: string) =>
  page.waitForFunction((n) => performance.getEntriesByName(n)[0]?.startTime, name, { timeout: 60_000, polling: 50 }).then(
    (h) => h.jsonValue() as Promise<number>,
    async (e: Error) => {
      const marks = await page.evaluate(() => performance.getEntriesByType('mark').map((m) => `${m.name}@${Math.round(m.startTime)}`)).catch(() => []);
      throw new Error(`${step}: no '${name}' in 60 s (marks: ${marks.join(' ') || 'none'}): ${e.message}`);
    },
  );

/** App start → camera ready, scan-to-logged and bytes per record with 0, 50k and 200k queued records. */
async function outboxScale(browser: Browser, server: ServerHandle) {
  const out: { size: number; startMs: number; scanMedian: number; scanP95: number; bytesPerRecord: number }[] = [];
  for (const size of SIZES) {
    const context = await cameraContext(browser, server.url);
    const page = await context.newPage();
    const since = Date.now();
    await page.goto(server.url);
    await markTime(page, 'app-ready', `${size} queued: first opening`);
    const before = await usage(page);
    if (size > 0) await page.evaluate(`${SEED}(${size})`);
    const bytesPerRecord = size > 0 ? ((await usage(page)) - before) / size : NaN;
    const starts: number[] = [];
    for (let run = 0; run < 3; run++) {
      await page.reload();
      starts.push(await markTime(page, 'camera-ready', `${size} queued: reload ${run + 1}`));
    }
    // The fake camera shows SCAN_CODES cards after each opening, and the pages above logged some of them (while the
    // outbox was seeded, or before a slow start's reload). A card logged within a minute before a start is rightly
    // taken as still in view (issue #12), so the cards are measured on a kiosk opened once those check-ins are gone
    // (the camera closed meanwhile: none is logged in between).
    await page.goto(`${server.url}/manifest.webmanifest`);
    await deleteOutboxSince(page, since);
    await page.goto(server.url);
    await page.waitForFunction((n) => performance.getEntriesByName('scan-to-logged').length >= n, SCAN_CODES, { timeout: 60_000 }).catch(async (e: Error) => {
      const logged = await page.evaluate(() => performance.getEntriesByName('scan-to-logged').length).catch(() => NaN);
      throw new Error(`${size} queued: ${logged} of ${SCAN_CODES} cards logged in 60 s after the opening that measures them: ${e.message}`);
    });
    const scans = await page.evaluate(() => performance.getEntriesByName('scan-to-logged').map((e) => e.duration));
    out.push({ size, startMs: median(starts), scanMedian: median(scans), scanP95: percentile(scans, 95), bytesPerRecord });
    await context.close();
  }
  return out;
}

/** Time to interactive (app rendered from IndexedDB) of a repeat visit with the network off, vs a first visit online. */
async function offlineRepeatVisit(browser: Browser, server: ServerHandle) {
  const first: number[] = [];
  const repeat: number[] = [];
  for (let i = 0; i < 3; i++) {
    const context = await cameraContext(browser, server.url);
    const page = await context.newPage();
    await page.goto(server.url);
    first.push(await markTime(page, 'app-ready', 'first visit online'));
    await page.evaluate(async () => void (await navigator.serviceWorker.ready));
    await context.setOffline(true);
    await page.reload();
    repeat.push(await markTime(page, 'app-ready', 'repeat visit offline'));
    await context.close();
  }
  return { first: median(first), repeat: median(repeat) };
}

/** Start-up and scan latency against the size of the outbox, and the offline repeat visit. */
export async function benchStartup(): Promise<{ rows: BenchRow[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'gatelog-bench-start-'));
  const video = join(dir, 'cards.y4m');
  await writeQrVideo(video, { codes: cccdCodes(SCAN_CODES).map((c) => c.code), framesPerCode: 8, blankFrames: 4, tailFrames: 600 });
  const server = await startServer();
  const browser = await launchWithFakeCamera(video);
  const rows: BenchRow[] = [];
  try {
    const scale = await outboxScale(browser, server);
    const base = scale[0]!;
    for (const s of scale) {
      const big = s.size === 200_000;
      rows.push({
        part: 'outbox',
        metric: `${s.size.toLocaleString('en')} queued: app start → camera ready, ms`,
        value: fmt(s.startMs, 0),
        baseline: `${fmt(base.startMs, 0)} ms empty`,
        ratio: ratio(s.startMs, base.startMs),
        ...(big ? { target: '< +1000 ms', met: s.startMs - base.startMs < 1000 } : {}),
      });
      rows.push({
        part: 'outbox',
        metric: `${s.size.toLocaleString('en')} queued: scan-to-logged median / p95 ms`,
        value: `${fmt(s.scanMedian, 0)} / ${fmt(s.scanP95, 0)}`,
        baseline: `${fmt(base.scanMedian, 0)} / ${fmt(base.scanP95, 0)} empty`,
        ratio: ratio(s.scanMedian, base.scanMedian),
        ...(big ? { target: '< +10 %', met: s.scanMedian <= base.scanMedian * 1.1 } : {}),
      });
      if (s.size > 0) rows.push({ part: 'outbox', metric: `${s.size.toLocaleString('en')} queued: bytes per record in IndexedDB`, value: fmt(s.bytesPerRecord, 0) });
    }
    const tti = await offlineRepeatVisit(browser, server);
    rows.push({ part: 'build', metric: 'repeat visit offline: navigation → app interactive, ms', value: fmt(tti.repeat, 0), baseline: `${fmt(tti.first, 0)} ms first visit online`, ratio: ratio(tti.repeat, tti.first) });
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows };
}
