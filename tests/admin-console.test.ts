import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { writeQrVideo } from './fixtures/qr-video';
import { cccdPayload } from './fixtures/visitors';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { gatelog } from './support/cli';
import { openEnrolledKiosk, waitForOutbox } from './support/kiosk-page';
import { ROOT, startServer, type ServerHandle } from './support/server-process';

const dir = mkdtempSync(join(tmpdir(), 'gatelog-admin-'));
/** README's screenshots are refreshed with `UPDATE_SCREENSHOTS=1`; otherwise they are taken into a temp folder. */
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs') : dir;
const EMAIL = 'so-y-te@quangninh.gov.vn';
const PASSWORD = 'mật khẩu đủ dài';
const XSS = '<img src=x onerror=alert(1)>';
/** Shown to the kiosk's camera one after another (the looping camera may start anywhere in the list). */
const VISITORS = [
  { id: '022090004567', name: 'Nguyễn Văn Truy', birth: '01021990', gender: 'Nam' },
  { id: '022185001111', name: 'Trần Thị Tiếp', birth: '05061985', gender: 'Nữ' },
  { id: '022070002222', name: `Lê Văn ${XSS}`, birth: '07081970', gender: 'Nam' },
] as const;
const SITE_NAME = 'Cảng khách Cái Rồng';

let server: ServerHandle;
let browser: Browser;

before(async () => {
  await writeQrVideo(join(dir, 'gate.y4m'), {
    codes: VISITORS.map((v) => cccdPayload(v.id, v.name, v.birth, v.gender)),
    blankFrames: 15,
    tailFrames: 200,
  });
  server = await startServer();
  const org = await gatelog<{ id: string }>(server.env, 'org', 'add', '--name', 'Sở Y tế Quảng Ninh');
  await gatelog(server.env, 'admin', 'add', '--org', org.id, '--email', EMAIL, '--password', PASSWORD);
  browser = await launchWithFakeCamera(join(dir, 'gate.y4m'));
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Clicks a download link and returns the file's text. */
async function download(page: Page, testId: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  return readFileSync((await file.path())!, 'utf8');
}

test('an admin signs in, creates a site, enrols a kiosk, and traces and reports what it logged', async () => {
  const admin = await browser.newContext({ viewport: { width: 1200, height: 900 }, timezoneId: 'Asia/Ho_Chi_Minh', acceptDownloads: true });
  const page = await admin.newPage();
  const problems: string[] = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`); // a name that ran as markup would open one
    void d.dismiss();
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
  });

  // Sign in: the console is served with its strict CSP.
  const response = await page.goto(`${server.url}/admin/`);
  assert.match(response!.headers()['content-security-policy'] ?? '', /default-src 'self'/);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor();

  // Create a site from the org tree; the console opens it.
  await page.locator('[data-testid=org] summary').first().click();
  await page.getByPlaceholder('Thêm địa điểm').fill(SITE_NAME);
  await page.getByRole('button', { name: 'Thêm địa điểm' }).click();
  await page.getByTestId('site-title').filter({ hasText: SITE_NAME }).waitFor();
  const siteId = decodeURIComponent(new URL(page.url()).hash.split('/')[2] ?? '');
  assert.match(siteId, /^site_/);

  // Keep fewer fields for fewer days.
  await page.locator('input[name=keep-phone]').uncheck();
  await page.locator('input[name=retention]').fill('14');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await page.getByText('Đã lưu').waitFor();

  // Enrol a kiosk: the console shows its QR code and link; the tablet opens the link and scans visitors.
  await page.getByTestId('enrol-kiosk').click();
  await page.getByTestId('enrolment').locator('img').waitFor();
  const enrolUrl = (await page.getByTestId('enrol-url').getAttribute('href'))!;
  const kioskContext = await cameraContext(browser, server.url);
  const kiosk = await openEnrolledKiosk(kioskContext, enrolUrl);
  const logged = await waitForOutbox(
    kiosk,
    (rows) => VISITORS.every((v) => rows.some((r) => r.visitor.subject === v.id)) && rows.every((r) => r.syncState === 'synced'),
    60_000,
  );
  await kioskContext.close(); // before the looping camera shows a code again
  assert.equal(logged.length, VISITORS.length, 'each visitor logged once');
  // Everyone scanned IN and stays: the first to arrive is traced; the others overlap longest when they came earliest.
  const arrivals = [...logged].sort((a, b) => a.seq - b.seq).map((r) => VISITORS.find((v) => v.id === r.visitor.subject)!);
  const [traced, ...others] = arrivals as [(typeof VISITORS)[number], ...(typeof VISITORS)[number][]];

  await page.reload();
  await page.getByTestId('device-row').first().waitFor();
  assert.notEqual(await page.getByTestId('device-last-sync').first().textContent(), 'chưa');
  assert.equal(await page.getByTestId('device-status').first().textContent(), 'đang hoạt động');

  // Live log: newest first, names as literal text; everyone is inside.
  await page.getByTestId('open-log').click();
  await page.getByTestId('log-row').nth(VISITORS.length - 1).waitFor();
  assert.deepEqual(await page.getByTestId('log-name').allTextContents(), arrivals.map((v) => v.name).reverse());
  assert.equal(await page.locator('img[src=x]').count(), 0, 'the name was not parsed as HTML');
  assert.equal(await page.getByTestId('occupancy-count').textContent(), String(VISITORS.length));

  // Trace the first arrival, picked from the log (its last row): the contacts are the others, earliest arrival first.
  await page.getByTestId('log-row').last().getByTestId('trace-link').click();
  await page.getByTestId('contact-row').nth(1).waitFor();
  assert.deepEqual(await page.getByTestId('visit-name').allTextContents(), [traced.name]);
  assert.deepEqual(await page.getByTestId('contact-subject').allTextContents(), others.map((v) => v.id));
  assert.deepEqual(await page.getByTestId('contact-name').allTextContents(), others.map((v) => v.name));
  assert.equal(await page.locator('img[src=x]').count(), 0);
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'admin-trace.png'), fullPage: true });

  const contactsCsv = await download(page, 'contacts-csv');
  assert.ok(contactsCsv.startsWith('\uFEFF'), 'CSV starts with a BOM');
  const csvRows = contactsCsv.slice(1).trim().split('\r\n');
  assert.equal(csvRows.length, 3);
  // One line per overlapping visit: subject, name, total overlap (minutes), site id, site, …
  assert.deepEqual(
    csvRows.slice(1).map((r) => { const c = r.split(','); return [c[0], c[1], c[3], c[4]].join(','); }),
    others.map((v) => `${v.id},${v.name},${siteId},${SITE_NAME}`),
  );

  // Reports: one location QR code, three scans, three visitors; the CSV says the same.
  await page.goto(`${server.url}/admin/#/reports`);
  await page.getByTestId('unit-totals').waitFor();
  assert.deepEqual(await page.getByTestId('unit-totals').locator('th').allTextContents(), ['Tổng cộng', '1', '3', '3']);
  await page.locator('select[name=site]').selectOption(siteId);
  await page.getByRole('button', { name: 'Xem' }).click();
  await page.getByTestId('heatmap').waitFor();
  await page.getByTestId('bar-chart').waitFor();
  await page.screenshot({ path: join(SHOTS, 'admin-report.png'), fullPage: true });
  const reportCsv = await download(page, 'report-csv');
  const lines = reportCsv.slice(1).trim().split('\r\n');
  assert.equal(lines[0], 'Đơn vị,Tổng số mã QR địa điểm đã tạo và quản lý,Tổng số lượt quét mã QR,Số khách (không trùng)');
  assert.equal(lines.at(-1), 'Tổng cộng,1,3,3');

  // The poster and the audit log.
  await page.goto(`${server.url}/admin/#/sites/${siteId}/poster`);
  assert.equal(await page.getByTestId('poster-name').textContent(), SITE_NAME);
  await page.getByTestId('poster-qr').waitFor();
  await page.goto(`${server.url}/admin/#/audit`);
  await page.getByTestId('audit-row').first().waitFor();
  const actions = await page.getByTestId('audit-action').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-action')));
  for (const a of ['site.create', 'site.update', 'device.enrol', 'trace.view', 'export.trace', 'export.report']) assert.ok(actions.includes(a), `audit has ${a}`);
  assert.ok((await page.getByTestId('audit-action').allTextContents()).includes('Tạo địa điểm'), 'actions are shown in words');

  // The same console in English.
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Audit log' }).waitFor();
  await page.goto(`${server.url}/admin/#/reports`);
  await page.getByTestId('unit-totals').filter({ hasText: 'Total' }).waitFor();
  assert.deepEqual(await page.getByTestId('unit-totals').locator('th').allTextContents(), ['Total', '1', '3', '3']);

  assert.deepEqual(problems, []);
  await admin.close();
});
