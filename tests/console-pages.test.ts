import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { uuid7 } from '../src/domain/uuid7';
import { ENROL_PATH, PUSH_PATH, type CheckIn, type EnrolResponse } from '../src/protocol';
import { seriousViolations as seriousA11yViolations } from './support/axe';
import { launchWithFakeCamera } from './support/browser';
import { gatelog, newEnrolUrl } from './support/cli';
import { ROOT, startServer, type ServerHandle } from './support/server-process';

// Issue #11, items 8–12 and 14 for the console and the visitor's phone pages.
const dir = mkdtempSync(join(tmpdir(), 'gatelog-console-'));
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs') : dir;
const EMAIL = 'so-y-te@quangninh.gov.vn';
const PASSWORD = 'mật khẩu đủ dài';
const SITE_NAME = 'Cảng khách Cái Rồng';
const TUYET = { subject: '022185001111', name: 'Nguyễn Thị Ánh Tuyết' };
const VIET = { subject: '022090004567', name: 'Trần Đức Việt' };
/** dd/mm/yyyy hh:mm: the console's Vietnamese time format. */
const VI_TIME = /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/;

let server: ServerHandle;
let browser: Browser;
let siteId: string;
let token: string;
let seq = 0;

/** Pushes check-ins through the real sync API, as an enrolled kiosk does. */
async function push(...visitors: { subject: string; name: string }[]): Promise<void> {
  const records: CheckIn[] = visitors.map((v) => ({
    id: uuid7(),
    seq: ++seq,
    direction: 'in',
    deviceTime: Date.now(),
    visitor: { kind: 'cccd', subject: v.subject, name: v.name, idNumber: v.subject },
  }));
  const res = await fetch(`${server.url}${PUSH_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sentAt: Date.now(), records }),
  });
  assert.equal(res.status, 200, await res.text());
}

before(async () => {
  server = await startServer();
  const org = await gatelog<{ id: string }>(server.env, 'org', 'add', '--name', 'Sở Y tế Quảng Ninh');
  siteId = (await gatelog<{ id: string }>(server.env, 'site', 'add', '--org', org.id, '--name', SITE_NAME)).id;
  await gatelog(server.env, 'admin', 'add', '--org', org.id, '--email', EMAIL, '--password', PASSWORD);
  const code = decodeURIComponent(new URL(await newEnrolUrl(server.env, siteId, server.url)).hash.replace('#enrol=', ''));
  const enrolled = (await (await fetch(`${server.url}${ENROL_PATH}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json()) as EnrolResponse;
  token = enrolled.token;
  await push(VIET);
  browser = await launchWithFakeCamera();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** A console tab signed in as the org admin; CSP reports and page errors are collected in `problems`. */
async function signIn(context: BrowserContext, problems: string[]): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  await page.goto(`${server.url}/admin/`);
  assert.deepEqual(await seriousA11yViolations(page), [], 'sign-in page');
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor();
  return page;
}

test('the live log and the roll call refresh on their own (≤ 10 s) and say when; the log finds names without tones', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Asia/Ho_Chi_Minh' });
  const problems: string[] = [];
  const page = await signIn(context, problems);
  await page.goto(`${server.url}/admin/#/sites/${siteId}/log`);
  await page.getByTestId('log-row').first().waitFor();
  assert.equal(await page.getByTestId('occupancy-count').textContent(), '1');
  assert.match((await page.getByTestId('log-updated').textContent()) ?? '', /^cập nhật lúc \d{2}:\d{2}:\d{2}$/);
  assert.match((await page.getByTestId('roll-call-updated').textContent()) ?? '', /cập nhật lúc \d{2}:\d{2}:\d{2}$/);
  assert.match((await page.getByTestId('log-row').first().locator('td').first().textContent()) ?? '', VI_TIME);

  // A kiosk syncs a new check-in: it shows up in the log and the roll call with no click, within 10 s.
  const synced = Date.now();
  await push(TUYET);
  await page.getByTestId('log-name').filter({ hasText: TUYET.name }).waitFor({ timeout: 10_000 });
  await page.locator('[data-testid=occupancy-count]', { hasText: '2' }).waitFor({ timeout: 10_000 });
  const seenAfter = Date.now() - synced;
  assert.ok(seenAfter <= 10_000, `seen after ${seenAfter} ms`);
  assert.deepEqual(await seriousA11yViolations(page), [], 'live log');

  // Search without tones or case, by words: "tuyet", "nguyen tuyet" and "TUYẾT" all find her and only her.
  for (const q of ['tuyet', 'nguyen tuyet', 'TUYẾT']) {
    await page.locator('input[name=q]').fill(q);
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForFunction(() => document.querySelectorAll('[data-testid=log-row]').length === 1);
    assert.deepEqual(await page.getByTestId('log-name').allTextContents(), [TUYET.name], q);
  }

  // The session ends while the page stays open: the next refresh brings back the sign-in form, then the same page.
  await context.clearCookies();
  await page.getByRole('button', { name: 'Đăng nhập' }).waitFor({ timeout: 10_000 });
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('roll-call').waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test('every console page is in Vietnamese (errors from codes, actions and names, dd/mm/yyyy), org actions sit by their org, and axe finds nothing serious', async () => {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: 'Asia/Ho_Chi_Minh' });
  const problems: string[] = [];
  const page = await signIn(context, problems);
  const axe = async (label: string) => assert.deepEqual(await seriousA11yViolations(page), [], label);

  // Org tree: the actions open on the org's own row, above its sites.
  const org = page.getByTestId('org').first();
  const summary = org.getByTestId('org-actions').locator('summary');
  const nameBox = (await org.getByTestId('org-name').boundingBox())!;
  const summaryBox = (await summary.boundingBox())!;
  assert.ok(Math.abs(nameBox.y + nameBox.height / 2 - (summaryBox.y + summaryBox.height / 2)) < 12, 'actions on the org name row');
  await summary.click();
  const siteLinkBox = (await org.getByTestId('site-link').first().boundingBox())!;
  const firstFormBox = (await org.getByTestId('org-actions').locator('form').first().boundingBox())!;
  assert.ok(firstFormBox.y < siteLinkBox.y, 'the open actions come before the sites list');
  await axe('org tree');

  // Site page: the kiosk enrolled without a name is numbered, never shown by its id.
  await page.goto(`${server.url}/admin/#/sites/${siteId}`);
  await page.getByTestId('device-row').first().waitFor();
  assert.equal(await page.getByTestId('device-name').first().textContent(), 'Máy kiosk số 1');
  assert.match((await page.getByTestId('device-last-sync').first().textContent()) ?? '', VI_TIME);
  await axe('site page');

  // A signed pass with a bad phone: the server's code, worded in Vietnamese.
  await page.goto(`${server.url}/admin/#/sites/${siteId}/pass`);
  await page.locator('input[name=pass-name]').fill('Nhà thầu Lê Văn Sơn');
  await page.locator('input[name=pass-phone]').fill('12');
  await page.getByRole('button', { name: 'Cấp phiếu' }).click();
  await page.getByRole('alert').filter({ hasText: 'Không thể cấp phiếu này: số điện thoại không hợp lệ.' }).waitFor();
  await page.locator('input[name=pass-phone]').fill('0912345678');
  await page.locator('input[name=pass-valid-until]').fill('2026-12-31');
  await page.getByRole('button', { name: 'Cấp phiếu' }).click();
  await page.getByTestId('signed-pass').filter({ hasText: '31/12/2026' }).waitFor();
  await axe('issue pass');

  // Roster preview: row errors in Vietnamese, the rows themselves listed, apply asks first.
  await page.goto(`${server.url}/admin/#/sites/${siteId}/roster`);
  const csv = 'Mã số,Họ tên,Lớp\r\nHS-01,Phạm Minh Khôi,6A1\r\nHS-02,,6A2\r\nHS-03,Đỗ Hà\r\n';
  await page.getByTestId('roster-file').setInputFiles({ name: 'lop.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await page.getByTestId('roster-error').first().waitFor();
  assert.deepEqual(await page.getByTestId('roster-error').locator('td:nth-child(2)').allTextContents(), ['Thiếu họ tên.', 'Cần 3 cột, dòng này có 2.']);
  assert.match(await page.getByTestId('roster-preview-row').first().innerText(), /thêm.*HS-01.*Phạm Minh Khôi.*6A1/s);
  await page.getByTestId('roster-apply-valid').click();
  await page.getByTestId('roster-confirm').waitFor();
  await axe('roster with preview and confirmation');
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: join(SHOTS, 'admin-roster-preview.png'), fullPage: true });
  await page.getByTestId('roster-confirm-yes').click();
  await page.getByTestId('roster-entries').getByText('Phạm Minh Khôi', { exact: true }).waitFor();

  // Poster, trace, reports (chart days as dd/mm), data requests by name without tones.
  await page.goto(`${server.url}/admin/#/sites/${siteId}/poster`);
  await page.getByTestId('poster-qr').waitFor();
  await axe('poster');
  await page.goto(`${server.url}/admin/#/trace?subject=${VIET.subject}`);
  await page.getByTestId('visits').waitFor();
  await axe('trace');
  await page.goto(`${server.url}/admin/#/reports`);
  await page.getByTestId('bar-chart').waitFor();
  const ticks = await page.locator('[data-testid=bar-chart] text.tick').allTextContents();
  assert.ok(ticks.some((x) => /^\d{2}\/\d{2}$/.test(x)), `day labels dd/mm: ${ticks.join(' ')}`);
  await axe('reports');
  await page.goto(`${server.url}/admin/#/subjects`);
  await page.getByTestId('subject-input').fill('tran duc viet');
  await page.getByRole('button', { name: 'Xem', exact: true }).click();
  await page.getByTestId('name-match').filter({ hasText: VIET.name }).click();
  await page.getByTestId('subject-data').getByText(VIET.subject).first().waitFor();
  await axe('data requests');

  // Audit: actions in words, orgs, sites and kiosks by name, no raw ids.
  await page.goto(`${server.url}/admin/#/audit`);
  await page.getByTestId('audit-row').first().waitFor();
  const actions = await page.getByTestId('audit-action').allTextContents();
  for (const a of ['Cấp phiếu khách', 'Áp dụng danh sách', 'Xem truy vết', 'Tìm người theo tên']) assert.ok(actions.includes(a), `audit says "${a}": ${actions.join(', ')}`);
  const cells = await page.getByTestId('audit').locator('td').allTextContents();
  assert.deepEqual(cells.filter((c) => /\b(org|site|dev|adm)_[a-z0-9]/.test(c) || /\.(view|create|issue|import)\b/.test(c)), []);
  assert.ok((await page.getByTestId('audit-where').allTextContents()).includes(SITE_NAME));
  await page.screenshot({ path: join(SHOTS, 'admin-audit.png'), fullPage: true });
  await axe('audit');
  await page.goto(`${server.url}/admin/#/silent`);
  await page.getByRole('heading', { name: 'Máy kiosk không đồng bộ' }).waitFor();
  await axe('silent kiosks');

  assert.deepEqual(problems, []);
  await context.close();
});

test("a visitor's phone: the poster opens a small page, /pass has no way into the kiosk, the pass survives a reload and saves as a PNG", async () => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, acceptDownloads: true });
  const problems: string[] = [];
  const page = await context.newPage();
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(m.text());
  });
  await page.goto(`${server.url}/s/${siteId}`);
  assert.equal(await page.getByTestId('site-name').textContent(), SITE_NAME);
  const font = await page.locator('body').evaluate((b) => getComputedStyle(b).fontFamily);
  assert.doesNotMatch(font, /mono/i);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), 'no sideways scrolling');
  const makePass = page.getByTestId('make-pass');
  assert.ok(((await makePass.boundingBox())?.height ?? 0) >= 44, 'a thumb-sized button');
  assert.deepEqual(await seriousA11yViolations(page), [], '/s page');
  await page.screenshot({ path: join(SHOTS, 'visitor-site-page.png') });

  await makePass.click();
  await page.waitForURL(`${server.url}/pass`);
  assert.equal(await page.locator('a[href="/"]').count(), 0, 'no link to the kiosk app');
  assert.equal(await page.getByTestId('back-to-kiosk').count(), 0);
  const name = 'Phạm Thị Ngọc Hân';
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Số điện thoại').fill('0987 654 321');
  await page.getByRole('button', { name: 'Tạo phiếu' }).click();
  await page.getByTestId('save-image').waitFor();

  await page.reload();
  await page.getByTestId('pass-name').filter({ hasText: name }).waitFor();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Lưu ảnh' }).click()]);
  assert.match(download.suggestedFilename(), /^phieu-khach-pham-thi-ngoc-han\.png$/);
  const png = readFileSync((await download.path())!);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
  await prepareZXingModule({ overrides: { wasmBinary: readFileSync(join(ROOT, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm')).buffer } as never, fireImmediately: true });
  const [decoded] = await readBarcodes(new Blob([png]), { formats: ['QRCode'] });
  assert.ok(decoded?.text.includes(name), 'the saved picture holds the pass QR code');
  assert.deepEqual(await seriousA11yViolations(page), [], '/pass with a pass');
  await page.screenshot({ path: join(SHOTS, 'visitor-pass-kept.png') });

  // Opened from the kiosk app's own button instead: a way back to the scanner, and no pass of anyone before.
  const kioskTab = await context.newPage();
  await kioskTab.goto(`${server.url}/pass`, { referer: `${server.url}/` });
  await kioskTab.getByTestId('pass-form').waitFor();
  await kioskTab.getByTestId('back-to-kiosk').waitFor();
  assert.equal(await kioskTab.getByTestId('pass-card').count(), 0, "the phone's kept pass is not shown on the kiosk");
  assert.deepEqual(problems, []);
  await context.close();
});
