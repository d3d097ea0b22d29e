import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { auditListSchema } from '../src/protocol/audit';
import { checkinListSchema } from '../src/protocol/admin';
import { writeQrVideo } from './fixtures/qr-video';
import { SCAN_FIXTURES } from './fixtures/visitors';
import { seriousViolations } from './support/axe';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { gatelog, newEnrolUrl } from './support/cli';
import { fireOnline, openEnrolledKiosk, waitForOutbox } from './support/kiosk-page';
import { ROOT, startServer, type ServerHandle } from './support/server-process';

const EMAIL = 'hieutruong@example.vn';
const PASSWORD = 'mật khẩu đủ dài';
const REFUSED = SCAN_FIXTURES[0]; // a CCCD: the watchlist names its number, the camera reads the whole QR text
const REFUSE_REASON = 'Không được đón học sinh — gọi phòng giáo vụ';
const ALERT = { name: 'Trần Văn Bảo', phone: '0912345678', reason: 'Báo bảo vệ khi đến' };

const dir = mkdtempSync(join(tmpdir(), 'gatelog-watchlist-'));
/** Screenshots for the README with UPDATE_SCREENSHOTS=1, else thrown away with the run's folder. */
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs') : dir;
let server: ServerHandle;
let orgId: string;
let siteId: string;
let browser: Browser;

before(async () => {
  // Long grey before the card: the kiosk enrols and pulls the watchlist first, as a kiosk at the gate has.
  await writeQrVideo(join(dir, 'refused.y4m'), { codes: [REFUSED.code], blankFrames: 120, framesPerCode: 15, tailFrames: 900 });
  server = await startServer();
  orgId = (await gatelog<{ id: string }>(server.env, 'org', 'add', '--name', 'Trường THCS Hạ Long')).id;
  siteId = (await gatelog<{ id: string }>(server.env, 'site', 'add', '--org', orgId, '--name', 'Cổng chính')).id;
  await gatelog(server.env, 'site', 'add', '--org', orgId, '--name', 'Cổng phụ');
  await gatelog(server.env, 'site', 'add', '--org', orgId, '--name', 'Nhà xe');
  await gatelog(server.env, 'admin', 'add', '--org', orgId, '--email', EMAIL, '--password', PASSWORD);
  browser = await launchWithFakeCamera(join(dir, 'refused.y4m'));
});
after(async () => {
  await browser?.close();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function signIn(page: Page): Promise<void> {
  await page.goto(`${server.url}/admin/`);
  await page.getByLabel('Email').fill(EMAIL);
  await page.getByLabel('Mật khẩu').fill(PASSWORD);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor();
}

async function addToWatchlist(page: Page, kind: string, subject: string, reason: string, action: 'refuse' | 'alert'): Promise<void> {
  const form = page.getByTestId('watchlist-form');
  await form.locator('select[name=kind]').selectOption(kind);
  await form.locator('input[name=subject]').fill(subject);
  await form.locator('input[name=reason]').fill(reason);
  await form.locator('select[name=action]').selectOption(action);
  await form.getByRole('button', { name: 'Thêm vào danh sách' }).click();
  await page.getByTestId('watchlist-added').waitFor();
}

/** Every record of every object store of the kiosk's IndexedDB, as JSON text (raw IndexedDB, not the app's code). */
function dumpIndexedDb(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('gatelog');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const out: Record<string, unknown> = {};
          for (const name of names) {
            const req = tx.objectStore(name).getAll();
            req.onsuccess = () => (out[name] = req.result);
          }
          tx.oncomplete = () => {
            db.close();
            resolve(JSON.stringify(out));
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

test('watchlist: an admin lists a CCCD and a phone; the kiosk keeps only hashes, refuses the card in red with the reason, lets the phone in with an alert; both reach the live log (#16)', async () => {
  const console_ = await browser.newPage();
  await signIn(console_);
  await console_.goto(`${server.url}/admin/#/watchlist`);
  await console_.getByTestId('watchlist-empty').waitFor();
  await addToWatchlist(console_, 'id_number', REFUSED.subject.replace(/(\d{3})(\d{3})/, '$1 $2 '), REFUSE_REASON, 'refuse');
  await addToWatchlist(console_, 'phone', `+84 ${ALERT.phone.slice(1)}`, ALERT.reason, 'alert');
  assert.deepEqual((await console_.getByTestId('watchlist-subject').allInnerTexts()).sort(), [REFUSED.subject, ALERT.phone]);
  assert.deepEqual(await seriousViolations(console_), []);
  await console_.screenshot({ path: join(SHOTS, 'admin-watchlist.png'), fullPage: true });

  const kiosk = await openEnrolledKiosk(await cameraContext(browser, server.url), await newEnrolUrl(server.env, siteId, server.url));
  // The watchlist arrives with the enrolment's first sync: hashes and reasons, never the number or the phone.
  await kiosk.waitForFunction(
    () =>
      new Promise<boolean>((resolve) => {
        const open = indexedDB.open('gatelog');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('watchlist')) return resolve(false);
          const req = db.transaction('watchlist').objectStore('watchlist').count();
          req.onsuccess = () => {
            db.close();
            resolve(req.result === 2);
          };
        };
      }),
    undefined,
    { timeout: 15_000, polling: 200 },
  );
  const stored = await dumpIndexedDb(kiosk);
  assert.match(stored, new RegExp(REFUSE_REASON));
  for (const plain of [REFUSED.subject, ALERT.phone, '912345678']) assert.ok(!stored.includes(plain), `the kiosk stores ${plain}`);

  // The card comes into view: red, the reason, nothing counted inside.
  const banner = kiosk.locator('[data-testid=outcome][data-outcome=refused]');
  await banner.waitFor({ timeout: 30_000 });
  assert.equal(await banner.getByTestId('outcome-reason').innerText(), `Lý do: ${REFUSE_REASON}`);
  assert.equal(await banner.getByTestId('outcome-name').innerText(), REFUSED.name);
  await kiosk.screenshot({ path: join(SHOTS, 'kiosk-watchlist-refused.png') });

  // The phone, typed in: let in (amber), alerted.
  await kiosk.getByTestId('manual-open').click();
  await kiosk.locator('input[name=name]').fill(ALERT.name);
  await kiosk.locator('input[name=contact]').fill(ALERT.phone);
  await kiosk.getByRole('button', { name: 'Ghi lại' }).click();
  const alerted = kiosk.locator('[data-testid=outcome][data-outcome=alert]');
  await alerted.waitFor();
  assert.match(await alerted.getByTestId('outcome-alert').innerText(), new RegExp(ALERT.reason));

  await fireOnline(kiosk);
  const rows = await waitForOutbox(kiosk, (r) => r.length === 2 && r.every((x) => x.syncState === 'synced'), 30_000);
  assert.deepEqual(rows.map((r) => r.outcome).sort(), ['alert', 'refused']);

  // The console's live log: both highlighted, with the reason.
  await console_.goto(`${server.url}/admin/#/sites/${siteId}/log`);
  await console_.locator('tr.log-refused').waitFor();
  await console_.locator('tr.log-alert').waitFor();
  assert.match(await console_.locator('tr.log-refused').innerText(), new RegExp(REFUSE_REASON));
  assert.match(await console_.locator('tr.log-alert').innerText(), /Cảnh báo \(danh sách theo dõi\): Báo bảo vệ khi đến/);
  await console_.screenshot({ path: join(SHOTS, 'admin-live-log-watchlist.png'), fullPage: true });
  assert.deepEqual(await seriousViolations(console_), []);
  const log = checkinListSchema.parse(await console_.evaluate(async (id) => (await fetch(`/api/v1/sites/${id}/log`)).json(), siteId));
  assert.deepEqual(log.checkins.map((c) => [c.visitor.subject, c.outcome]).sort(), [
    [REFUSED.subject, 'refused'],
    [ALERT.phone, 'alert'],
  ]);
  // The refused visitor is not inside; the alerted one is.
  assert.equal(await console_.getByTestId('occupancy-count').innerText(), '1');

  // Every change is in the audit log, in words, without the subject.
  await console_.goto(`${server.url}/admin/#/audit`);
  await console_.locator('[data-action="watchlist.add"]').first().waitFor();
  assert.equal(await console_.locator('[data-action="watchlist.add"]').count(), 2);
  assert.match(await console_.getByTestId('audit').innerText(), /Thêm vào danh sách theo dõi[\s\S]*Số CCCD\/CMND · Từ chối vào/);
  const audit = auditListSchema.parse(await console_.evaluate(async () => (await fetch('/api/v1/audit')).json()));
  assert.doesNotMatch(JSON.stringify(audit), new RegExp(`${REFUSED.subject}|${ALERT.phone}`));
});

test('posters: every site of the unit prints in one job, one A4 page each with the unit’s name; the door screen shows one full screen and follows a rename (#16)', async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page);
  await page.getByTestId('org-posters').first().click();
  await page.getByTestId('posters').waitFor();
  await page.locator('[data-testid=poster-qr]').nth(2).waitFor();
  assert.equal(await page.getByTestId('poster').count(), 3);
  assert.deepEqual(await page.getByTestId('poster-unit').allInnerTexts(), ['Trường THCS Hạ Long', 'Trường THCS Hạ Long', 'Trường THCS Hạ Long']);
  assert.deepEqual(await seriousViolations(page), []);
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('.topbar').isVisible(), false);
  // Each sheet ends its page (so a long site name never pushes the next poster onto the same sheet).
  assert.deepEqual(await page.locator('[data-testid=poster]').evaluateAll((els) => els.map((e) => getComputedStyle(e).breakAfter)), ['page', 'page', 'auto']);
  const pdf = (await page.pdf({ format: 'A4', preferCSSPageSize: true })).toString('latin1');
  assert.equal(pdf.match(/\/Type\s*\/Page[^s]/g)?.length, 3, 'one A4 page per site');
  await page.emulateMedia({ media: 'screen' });

  // The door screen: the poster alone, filling the screen, no console chrome.
  const door = await context.newPage(); // signed in too
  await door.setViewportSize({ width: 1280, height: 720 });
  await door.clock.install();
  await door.goto(`${server.url}/admin/#/sites/${siteId}/display`);
  await door.getByTestId('poster-display').waitFor();
  await door.getByTestId('poster-qr').waitFor();
  assert.equal(await door.locator('.topbar').count(), 0);
  const qr = (await door.getByTestId('poster-qr').boundingBox())!;
  assert.ok(qr.height >= 0.55 * 720, `QR ${qr.height}px tall on a 720px screen`);
  const box = (await door.getByTestId('poster-display').boundingBox())!;
  assert.deepEqual([box.x, box.y, box.width, box.height], [0, 0, 1280, 720]);
  await door.getByTestId('display-fullscreen').click();
  await door.waitForFunction(() => document.fullscreenElement !== null);
  assert.deepEqual(await seriousViolations(door), []);
  // Renamed (or its code rotated): the screen redraws within its minute.
  await page.evaluate(async (id) => void (await fetch(`/api/v1/sites/${id}`, { method: 'PATCH', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'Cổng chính (mới)' }) })), siteId);
  await door.clock.fastForward(61_000);
  await door.getByTestId('poster-name').getByText('Cổng chính (mới)').waitFor();
});
