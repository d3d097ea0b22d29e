import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { checkinListSchema } from '../src/protocol/admin';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { createSiteWithAdmin, gatelog, newEnrolUrl } from './support/cli';
import { signInToConsole } from './support/console';
import { fireOnline, logManually, openEnrolledKiosk, waitForOutbox } from './support/kiosk-page';
import { startServer, type ServerHandle } from './support/server-process';

const EMAIL = 'bql@example.vn';
const PASSWORD = 'mật khẩu đủ dài';
const VISITOR = { name: 'Phạm Thị Hạnh', phone: '0912000111' };

let server: ServerHandle;
let siteId: string;
before(async () => {
  server = await startServer();
  ({ siteId } = await createSiteWithAdmin(server.env, { org: 'Ban quản lý cảng Cái Rồng', site: 'Cảng Cái Rồng' }, { email: EMAIL, password: PASSWORD }));
});
after(() => server?.stop());

/** Logs the visitor through the kiosk's manual entry and returns the banner's title. */
async function logVisitor(kiosk: Page): Promise<string> {
  await logManually(kiosk, VISITOR);
  return (await kiosk.getByTestId('outcome').locator('.outcome-title').textContent()) ?? '';
}

const serverDirections = async () =>
  checkinListSchema.parse(await gatelog(server.env, 'checkins', '--site', siteId)).checkins.map((c) => c.direction);

test('an automatic site with two kiosks: IN at kiosk A, OUT at kiosk B once A synced and B pulled; "Đổi thành VÀO" reaches the server (issue #16)', async () => {
  const browser = await launchWithFakeCamera();
  try {
    // An org admin switches the site to automatic IN/OUT in the console's site settings.
    const console_ = await (await browser.newContext({ viewport: { width: 1200, height: 800 } })).newPage();
    await signInToConsole(console_, server.url, EMAIL, PASSWORD);
    await console_.goto(`${server.url}/admin/#/sites/${siteId}`);
    const gate = console_.getByTestId('gate-settings');
    await gate.locator('input[name=direction-mode][value=auto]').check();
    await gate.getByRole('button', { name: 'Đặt chiều và giờ đóng cửa' }).click();
    await gate.getByRole('status').waitFor();

    // Two kiosks (two doors), each its own browser profile: its own IndexedDB and service worker.
    const a = await openEnrolledKiosk(await cameraContext(browser, server.url), await newEnrolUrl(server.env, siteId, server.url));
    const b = await openEnrolledKiosk(await cameraContext(browser, server.url), await newEnrolUrl(server.env, siteId, server.url));
    for (const kiosk of [a, b]) await kiosk.locator('[data-testid=mode][data-direction=auto]').waitFor({ timeout: 15_000 });
    assert.equal(await a.getByTestId('mode').textContent(), 'TỰ ĐỘNG');

    assert.equal(await logVisitor(a), 'Đã ghi VÀO');
    await waitForOutbox(a, (rows) => rows.length === 1 && rows[0]!.syncState === 'synced');
    await fireOnline(b); // B's next sync (it also pulls at least once a minute)
    await b.waitForFunction(
      () =>
        new Promise<boolean>((resolve) => {
          const open = indexedDB.open('gatelog');
          open.onsuccess = () => {
            const req = open.result.transaction('occupancy').objectStore('occupancy').count();
            req.onsuccess = () => {
              open.result.close();
              resolve(req.result > 0);
            };
          };
        }),
      undefined,
      { timeout: 15_000, polling: 250 },
    );
    assert.equal(await logVisitor(b), 'Đã ghi RA', 'kiosk B knows the visitor came in at kiosk A');

    // The attendant corrects it: the visitor was in fact coming in again.
    const flip = b.getByTestId('outcome-flip');
    assert.equal(await flip.textContent(), 'Đổi thành VÀO');
    await flip.click();
    await b.getByTestId('outcome-corrected').waitFor();
    assert.equal(await b.getByTestId('outcome').locator('.outcome-title').textContent(), 'Đã ghi VÀO');
    const [row] = await waitForOutbox(b, (rows) => rows.length === 1 && rows[0]!.syncState === 'synced' && rows[0]!.direction === 'in');
    assert.equal(row!.directionRevision, 1);
    // Acknowledged by the server, so applied there.
    assert.deepEqual(await serverDirections(), ['in', 'in'], 'the server holds the corrected direction');
  } finally {
    await browser.close();
  }
});
