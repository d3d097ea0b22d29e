import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkinListSchema, type StoredCheckIn } from '../src/protocol/admin';
import { TIME_FLAGS } from '../src/protocol/checkin';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { createSite, gatelog, newEnrolUrl } from './support/cli';
import { fireOnline, logManually, openEnrolledKiosk, waitForOutbox } from './support/kiosk-page';
import { startServer, type ServerHandle } from './support/server-process';

// Issue #12: the kiosk under faults — a clock changed between scan and sync, a re-enrolment at another
// site, a revoked kiosk, a failed sync run, a server that no longer knows the kiosk.

const DAY = 86_400_000;
let server: ServerHandle;
let browser: Browser;
let siteA: string;
let siteB: string;

before(async () => {
  server = await startServer();
  siteA = await createSite(server.env, 'Cảng Cái Rồng');
  siteB = await createSite(server.env, 'Bến Vân Đồn');
  browser = await launchWithFakeCamera();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const checkinsAt = async (siteId: string): Promise<StoredCheckIn[]> =>
  checkinListSchema.parse(await gatelog(server.env, 'checkins', '--site', siteId, '--limit', '10000')).checkins;

/** Logs a visitor through the kiosk's own "Nhập tay" sheet, as the attendant does, and waits for their banner. */
async function logVisitor(page: Page, name: string, phone: string): Promise<void> {
  await logManually(page, { name, phone });
  await page.getByTestId('outcome-name').filter({ hasText: name }).waitFor();
}

/** A kiosk setting, read from IndexedDB in the page. */
function readSetting(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('gatelog');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction('settings').objectStore('settings').get(key);
          req.onsuccess = () => {
            open.result.close();
            resolve((req.result as { value?: unknown } | undefined)?.value);
          };
        };
      }),
    key,
  );
}

async function enrolledKiosk(siteId: string, setup?: (c: BrowserContext) => Promise<void>): Promise<{ context: BrowserContext; page: Page }> {
  const context = await cameraContext(browser, server.url);
  await setup?.(context);
  const page = await openEnrolledKiosk(context, await newEnrolUrl(server.env, siteId, server.url));
  return { context, page };
}

describe('a clock changed between scan and sync', () => {
  test('records land within a minute of the true time whether the clock was wrong at the scan or at the sync', async () => {
    const { context, page } = await enrolledKiosk(siteA, (c) => c.clock.install());
    const scenarios = [
      { name: 'Khách đồng hồ sai khi gửi', phone: '0912000003', atScan: 0, atSync: -DAY },
      { name: 'Khách đồng hồ nhanh khi gửi', phone: '0912000004', atScan: 0, atSync: +DAY },
      { name: 'Khách đồng hồ nhanh một ngày', phone: '0912000001', atScan: +DAY, atSync: 0 },
      { name: 'Khách đồng hồ chậm một ngày', phone: '0912000002', atScan: -DAY, atSync: 0 },
    ];
    for (const s of scenarios) {
      await context.setOffline(true);
      await context.clock.setSystemTime(Date.now() + s.atScan);
      const trueScanTime = Date.now();
      await logVisitor(page, s.name, s.phone);
      await context.clock.setSystemTime(Date.now() + s.atSync);
      await context.setOffline(false);
      await fireOnline(page);
      await waitForOutbox(page, (rows) => rows.every((r) => r.syncState === 'synced'));
      const stored = (await checkinsAt(siteA)).find((c) => c.visitor.name === s.name);
      assert.ok(stored, `${s.name} arrived`);
      const error = stored.correctedTime - trueScanTime;
      assert.ok(Math.abs(error) < 60_000, `${s.name}: stored ${Math.round(error / 1000)} s from the truth`);
      assert.equal(stored.timeFlag, undefined, `${s.name}: trusted`);
    }

    // A page opened offline with the clock 2 h fast never heard from the server before the scan: nothing can
    // place that scan, so the server flags it and keeps the time it was given instead of guessing.
    await context.setOffline(true);
    await context.clock.setSystemTime(Date.now() + 2 * 3_600_000);
    await page.reload();
    await page.waitForSelector('[data-ready=true]');
    await logVisitor(page, 'Khách phiên chưa kiểm chứng', '0912000005');
    await context.clock.setSystemTime(Date.now());
    await context.setOffline(false);
    await fireOnline(page);
    await waitForOutbox(page, (rows) => rows.every((r) => r.syncState === 'synced'));
    const unverified = (await checkinsAt(siteA)).find((c) => c.visitor.name === 'Khách phiên chưa kiểm chứng')!;
    assert.equal(unverified.timeFlag, TIME_FLAGS.impossible, 'flagged');
    assert.ok(unverified.correctedTime - unverified.receivedAt > 3_600_000, 'not silently shifted');
    await context.close();
  });
});

describe('re-enrolment at another site', () => {
  test("records queued at site A are never stored under site B; they are held on the kiosk and B's own go to B", async () => {
    const { context, page } = await enrolledKiosk(siteA);
    await context.setOffline(true);
    await logVisitor(page, 'Khách chờ ở Cái Rồng', '0913000001');
    await logVisitor(page, 'Khách thứ hai ở Cái Rồng', '0913000002');
    await gatelog(server.env, 'device', 'revoke', String(await readSetting(page, 'deviceId')));
    await context.setOffline(false);

    await page.goto('about:blank'); // the link opened afresh (a link opened in the running kiosk is the next test's)
    await page.goto(await newEnrolUrl(server.env, siteB, server.url));
    await page.getByTestId('site-name').filter({ hasText: 'Bến Vân Đồn' }).waitFor();
    await logVisitor(page, 'Khách ở Vân Đồn', '0913000003');
    await waitForOutbox(page, (rows) => rows.some((r) => r.visitor.name === 'Khách ở Vân Đồn' && r.syncState === 'synced'));
    const atB = (await checkinsAt(siteB)).map((c) => c.visitor.name);
    assert.deepEqual(atB, ['Khách ở Vân Đồn'], 'only the visit logged at B is stored under B');
    const rows = await waitForOutbox(page, () => true);
    const fromA = rows.filter((r) => r.visitor.name?.endsWith('Cái Rồng'));
    assert.deepEqual(fromA.map((r) => [r.syncState, r.siteId]), [['held', siteA], ['held', siteA]], "A's records are kept, labelled A");
    await page.getByTestId('held').filter({ hasText: '2' }).waitFor();
    await context.close();
  });
});

describe('a kiosk that cannot send', () => {
  test('a revoked kiosk does not show green: it says the visit is kept on the tablet and not sent', async () => {
    const { context, page } = await enrolledKiosk(siteA);
    await gatelog(server.env, 'device', 'revoke', String(await readSetting(page, 'deviceId')));
    // Logged through the kiosk's own write path; its next push is answered "revoked".
    await logVisitor(page, 'Khách trước khi biết bị thu hồi', '0914000002');
    await fireOnline(page);
    await page.getByTestId('revoked').waitFor();
    await logVisitor(page, 'Khách sau khi thu hồi', '0914000001');
    const outcome = page.getByTestId('outcome');
    assert.equal(await outcome.getAttribute('data-kept-only'), 'revoked');
    assert.ok(!(await outcome.getAttribute('class'))!.includes('outcome-ok'), 'not the green "logged" banner');
    assert.match((await page.getByTestId('outcome-kept').textContent())!, /không được gửi/);
    await context.close();
  });

  test('after a failed sync run the footer shows the failure, not "syncing 0/N"', async () => {
    const { context, page } = await enrolledKiosk(siteA);
    await context.route('**/api/v1/sync/checkins', (route) => route.fulfill({ status: 503, body: '{"code":"unavailable","message":"x"}' }));
    // Through the kiosk's own write path, so the records belong to this site and count as waiting.
    await logVisitor(page, 'Khách không gửi được', '0916000001');
    await logVisitor(page, 'Khách không gửi được 2', '0916000002');
    await fireOnline(page);
    // The footer's one status model (#11): after the failed run it says "retrying" (or offline), never "syncing".
    await page.locator('[data-testid="sync-status"][data-state="retrying"], [data-testid="sync-status"][data-state="offline"]').waitFor();
    await page.waitForTimeout(300);
    assert.notEqual(await page.getByTestId('sync-status').getAttribute('data-state'), 'syncing', 'no progress left on screen after the run failed');
    await context.close();
  });
});

describe('a server restored from a backup that predates the kiosk', () => {
  test('the kiosk asks to be enrolled again, keeps its records and delivers them after re-enrolment at the same site', async () => {
    const backup = mkdtempSync(join(tmpdir(), 'gatelog-backup-'));
    await server.stop();
    cpSync(server.dataDir, backup, { recursive: true }); // the backup knows the sites, not the kiosk enrolled next
    server = await startServer({ port: server.port, dataDir: server.dataDir });
    const { context, page } = await enrolledKiosk(siteA);
    await context.setOffline(true);
    await logVisitor(page, 'Khách trước khi khôi phục', '0915000001');
    await logVisitor(page, 'Khách thứ hai trước khi khôi phục', '0915000002');

    await server.stop();
    server = await startServer({ port: server.port, dataDir: backup });
    await context.setOffline(false);
    await fireOnline(page);
    const notice = page.getByTestId('device-unknown');
    await notice.waitFor({ timeout: 15_000 });
    assert.match((await notice.textContent())!, /Máy chưa được máy chủ nhận — cần đăng ký lại/);
    await page.waitForTimeout(1500);
    assert.notEqual(await page.getByTestId('sync-status').getAttribute('data-state'), 'retrying', 'not "will retry": a retry cannot help');
    const kept = await waitForOutbox(page, () => true);
    assert.equal(kept.filter((r) => r.syncState === 'pending').length, 2, 'every record kept');

    await page.goto(await newEnrolUrl(server.env, siteA, server.url));
    await waitForOutbox(page, (rows) => rows.length === 2 && rows.every((r) => r.syncState === 'synced'));
    const names = (await checkinsAt(siteA)).map((c) => c.visitor.name ?? '').filter((n) => n.endsWith('khôi phục'));
    assert.deepEqual(names.sort(), ['Khách thứ hai trước khi khôi phục', 'Khách trước khi khôi phục'].sort());
    assert.equal(await page.getByTestId('device-unknown').count(), 0);
    await context.close();
    rmSync(backup, { recursive: true, force: true });
  });
});
