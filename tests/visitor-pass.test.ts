import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkinListSchema } from '../src/protocol/admin';
import { imageToVideo } from './fixtures/image-video';
import { writeQrVideo } from './fixtures/qr-video';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { createSite, gatelog, newEnrolUrl } from './support/cli';
import { fireOnline, openEnrolledKiosk, waitForOutbox } from './support/kiosk-page';
import { readOutbox } from './support/outbox-reader';
import type { OutboxRow } from '../src/db/gatelog-db';
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

test('a signed pass with an edited name, shown to the kiosk camera, is refused red and never logged; the genuine one is (#13)', async () => {
  const siteId = await createSite(server.env, 'Cảng Vân Đồn');
  const genuine = await gatelog<{ text: string }>(server.env, 'pass', 'issue', '--site', siteId, '--name', 'Nhà thầu Trần Văn Bình', '--valid-until', '2099-12-31');
  const forgedName = 'Nhà thầu Trần Văn Bính';
  const forged = genuine.text.replace('Trần Văn Bình', 'Trần Văn Bính'); // the signature no longer covers the text
  assert.notEqual(forged, genuine.text);
  // The forged pass first, then the genuine one; the fake camera loops, so each is seen again once the keys are in.
  // A 6-s loop: each pass is out of view for 5 s, past the kiosk's 4-s duplicate window.
  await writeQrVideo(join(dir, 'signed.y4m'), { codes: [forged, genuine.text], tailFrames: 30 });
  const kioskBrowser = await launchWithFakeCamera(join(dir, 'signed.y4m'));
  try {
    const context = await cameraContext(kioskBrowser, server.url);
    const kiosk = await openEnrolledKiosk(context, await newEnrolUrl(server.env, siteId, server.url));
    const genuineLogged = (rows: OutboxRow[]) => rows.some((r) => r.visitor.name === 'Nhà thầu Trần Văn Bình');
    await waitForOutbox(kiosk, genuineLogged);
    // Seen again once the site's keys are in, the forged pass is refused for its signature (red, with the reason).
    await kiosk.waitForSelector('[data-outcome=rejected][data-reason=passSignature]', { timeout: 15_000 });
    const rows = await readOutbox(kiosk);
    assert.ok(!rows.some((r) => r.visitor.name === forgedName), 'the forged pass is never logged');
    assert.ok(rows.every((r) => r.visitor.kind === 'pass' && r.visitor.name === 'Nhà thầu Trần Văn Bình'), 'only the genuine pass is logged');
  } finally {
    await kioskBrowser.close();
  }
});
