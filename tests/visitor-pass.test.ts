import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkinListSchema } from '../src/protocol/admin';
import { imageToVideo } from './fixtures/image-video';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { createSite, gatelog, newEnrolUrl } from './support/cli';
import { fireOnline, openEnrolledKiosk, waitForOutbox } from './support/kiosk-page';
import { startServer, type ServerHandle } from './support/server-process';

const dir = mkdtempSync(join(tmpdir(), 'gatelog-pass-'));
let server: ServerHandle;
before(async () => {
  server = await startServer();
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test('a visitor makes a pass at /pass, shows it to the kiosk camera, and is logged by name on the kiosk and the server', async () => {
  const name = 'Phạm Thị Ngọc Hân';
  // 1. The visitor makes a pass on their own phone (no camera needed).
  const phone = await launchWithFakeCamera();
  const page = await phone.newPage({ viewport: { width: 420, height: 860 } });
  await page.goto(`${server.url}/pass`);
  await page.getByLabel('Họ và tên').fill(name);
  await page.getByLabel('Số điện thoại').fill('0987 654 321');
  await page.getByRole('button', { name: 'Tạo phiếu' }).click();
  await page.getByTestId('pass-name').filter({ hasText: name }).waitFor();
  await page.getByTestId('pass-qr').screenshot({ path: join(dir, 'pass.png') });
  await page.getByLabel('Số CCCD (không bắt buộc)').count().then((n) => assert.equal(n, 0, 'the form is replaced by the pass'));
  await phone.close();

  // 2. The screenshot, exactly as rendered, is what the kiosk camera sees.
  await imageToVideo(join(dir, 'pass.png'), join(dir, 'pass.y4m'));
  const siteId = await createSite(server.env, 'Nhà nghỉ Hải Âu');
  const kioskBrowser = await launchWithFakeCamera(join(dir, 'pass.y4m'));
  const context = await cameraContext(kioskBrowser, server.url);
  const kiosk = await openEnrolledKiosk(context, await newEnrolUrl(server.env, siteId, server.url));
  const rows = await waitForOutbox(kiosk, (r) => r.length >= 1);
  assert.equal(rows.length, 1, 'logged once while the pass stays in view');
  assert.equal(rows[0]!.visitor.kind, 'pass');
  assert.equal(rows[0]!.visitor.name, name);
  assert.equal(rows[0]!.visitor.phone, '0987654321');
  await kiosk.getByTestId('queue').getByText(name, { exact: true }).waitFor();

  // 3. It reaches the server with the same name.
  await fireOnline(kiosk);
  await waitForOutbox(kiosk, (r) => r.every((x) => x.syncState === 'synced'));
  const { checkins } = checkinListSchema.parse(await gatelog(server.env, 'checkins', '--site', siteId));
  assert.deepEqual(checkins.map((c) => [c.visitor.kind, c.visitor.name, c.visitor.subject]), [['pass', name, rows[0]!.visitor.subject]]);
  await kioskBrowser.close();
});
