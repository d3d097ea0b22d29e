import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { launchWithFakeCamera } from './support/browser';
import { createSiteWithAdmin } from './support/cli';
import { enrolledKiosk, signInToConsole } from './support/console';
import { startServer, type ServerHandle } from './support/server-process';

const EMAIL = 'ttyt@quangninh.gov.vn';
const PASSWORD = 'mật khẩu đủ dài';
const HOUR = 3_600_000;

let server: ServerHandle;
let browser: Browser;

before(async () => {
  server = await startServer();
  browser = await launchWithFakeCamera();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test('the console lists a kiosk silent past its site’s threshold, with its last pending count; an admin raises it on the site', async () => {
  const { siteId } = await createSiteWithAdmin(server.env, { org: 'Sở Y tế Quảng Ninh', site: 'Cảng Vân Đồn' }, { email: EMAIL, password: PASSWORD });
  const device = await enrolledKiosk(server.env, server.url, siteId, 'Cổng A');
  // The kiosk last synced 30 hours ago with 42 records still queued (the clock cannot be wound on a real server).
  const db = new SQLite(join(server.dataDir, 'gatelog.sqlite'));
  db.pragma('busy_timeout = 5000');
  db.prepare('update device set last_sync_at = ?, pending_reported = 42 where id = ?').run(Date.now() - 30 * HOUR, device.deviceId);
  db.close();

  const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  await signInToConsole(page, server.url, EMAIL, PASSWORD);

  await page.getByRole('link', { name: 'Máy im lặng' }).click();
  const row = page.getByTestId('silent-row');
  await row.waitFor();
  assert.equal(await row.getAttribute('data-device-id'), device.deviceId);
  assert.match(await row.innerText(), /Cảng Vân Đồn[\s\S]*Cổng A/);
  assert.equal(await row.getByTestId('silent-pending').innerText(), '42');
  assert.equal(await row.getByTestId('silent-for').innerText(), '30 giờ');

  // On the site's page, allow 48 hours: the kiosk is no longer listed.
  await row.getByRole('link', { name: 'Cảng Vân Đồn' }).click();
  const setting = page.getByTestId('silent-after');
  await setting.getByRole('spinbutton').fill('48');
  await setting.getByRole('button', { name: 'Đặt ngưỡng' }).click();
  await setting.getByRole('status').waitFor();
  await page.getByRole('link', { name: 'Máy im lặng' }).click();
  await page.getByTestId('silent-none').waitFor();
});
