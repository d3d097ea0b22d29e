import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { checkIn } from '../server/test-support/fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '../server/test-support/webhook-receiver';
import { seriousViolations } from './support/axe';
import { launchWithFakeCamera } from './support/browser';
import { createSiteWithAdmin } from './support/cli';
import { enrolledKiosk, signInToConsole } from './support/console';
import { ROOT, startServer, type ServerHandle } from './support/server-process';

const EMAIL = 'ttyt@quangninh.gov.vn';
const PASSWORD = 'mật khẩu đủ dài';
/** README's screenshot is refreshed with `UPDATE_SCREENSHOTS=1`; otherwise it is taken into a temp folder. */
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs') : mkdtempSync(join(tmpdir(), 'gatelog-webhooks-'));

let server: ServerHandle;
let browser: Browser;
let receiver: WebhookReceiver;

before(async () => {
  // The receiver listens on 127.0.0.1, which only GATELOG_WEBHOOKS_ALLOW_PRIVATE allows; quick retries for the test.
  server = await startServer({ env: { GATELOG_WEBHOOKS_ALLOW_PRIVATE: '1', GATELOG_WEBHOOK_RETRY_BASE: '0.3', GATELOG_WEBHOOK_TIMEOUT: '2' } });
  browser = await launchWithFakeCamera();
  receiver = await startWebhookReceiver();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await receiver?.close();
});

test('an org admin registers a webhook in the console, sees its secret once, and follows a delivery from failing to delivered', async () => {
  const { siteId } = await createSiteWithAdmin(server.env, { org: 'Sở Y tế Quảng Ninh', site: 'Cảng Vân Đồn' }, { email: EMAIL, password: PASSWORD });
  const { token } = await enrolledKiosk(server.env, server.url, siteId, 'Cổng A');

  const page = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
  const cspViolations: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  await signInToConsole(page, server.url, EMAIL, PASSWORD);

  await page.getByRole('link', { name: 'Webhook', exact: true }).click();
  await page.getByLabel('Địa chỉ nhận (URL)').fill(receiver.url);
  await page.getByLabel('Lượt bị từ chối').check();
  await page.getByRole('button', { name: 'Đăng ký webhook' }).click();
  const secret = (await page.getByTestId('webhook-secret').locator('code').innerText()).trim();
  assert.match(secret, /^whsec_/);
  receiver.setSecret(secret);
  const row = page.getByTestId('webhook-row');
  assert.match(await row.innerText(), /Lượt vào\/ra, Lượt bị từ chối/);
  assert.deepEqual(await seriousViolations(page), []);

  // The receiver is down: the log shows the delivery waiting, with its attempts and last error.
  receiver.setMode('fail');
  const push = await fetch(`${server.url}/api/v1/sync/checkins`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ sentAt: Date.now(), records: [checkIn({ seq: 1 }), checkIn({ seq: 2 })] }),
  });
  assert.equal(push.status, 200);
  const delivery = page.getByTestId('delivery-row');
  await delivery.filter({ hasText: 'HTTP 500' }).waitFor({ timeout: 20_000 });
  assert.equal(await delivery.getAttribute('data-status'), 'pending');
  assert.match(await delivery.innerText(), /Lượt vào\/ra\s+2\s+Đang chờ gửi/);

  // It comes back: the next retry delivers, and the log says so on its own.
  receiver.setMode('ok');
  await page.locator('[data-testid="delivery-row"][data-status="delivered"]').waitFor({ timeout: 20_000 });
  assert.equal(await delivery.getByTestId('delivery-status').innerText(), 'Đã gửi');
  assert.equal(receiver.accepted.size, 1);
  const [body] = [...receiver.accepted.values()];
  assert.equal(body!.events.length, 2);
  assert.ok(receiver.requests.every((r) => r.signatureValid));
  assert.ok(receiver.requests.length >= 2);
  await page.screenshot({ path: join(SHOTS, 'admin-webhooks.png'), fullPage: true });

  // The same page in English.
  await page.getByRole('button', { name: 'English' }).click();
  assert.equal(await delivery.getByTestId('delivery-status').innerText(), 'Delivered');
  assert.deepEqual(cspViolations, []);
});

test('the API docs page renders from our origin under its CSP', async () => {
  const page = await (await browser.newContext()).newPage();
  const cspViolations: string[] = [];
  const requests: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) cspViolations.push(m.text());
  });
  page.on('request', (r) => requests.push(r.url()));
  await page.goto(`${server.url}/api/docs`);
  await page.getByRole('heading', { name: /Gatelog API/ }).waitFor();
  await page.locator('code', { hasText: '/api/v1/orgs/{id}/webhooks' }).first().waitFor();
  // The stylesheet applied (the page is styled, not raw HTML), and nothing came from elsewhere.
  assert.equal(await page.locator('.op').first().evaluate((el) => getComputedStyle(el).borderRadius), '6px');
  assert.deepEqual(requests.filter((u) => !u.startsWith(server.url)), []);
  assert.deepEqual(cspViolations, []);
});
