import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { checkinListSchema } from '../src/protocol/admin';
import { encodeWindows1258 } from '../server/test-support/windows-1258';
import { writeQrVideo } from './fixtures/qr-video';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { gatelog, newEnrolUrl } from './support/cli';
import { fireOnline, openEnrolledKiosk, waitForOutbox } from './support/kiosk-page';
import { startServer, type ServerHandle } from './support/server-process';

const dir = mkdtempSync(join(tmpdir(), 'gatelog-roster-'));
const EMAIL = 'hieu-truong@thcs.edu.vn';
const PASSWORD = 'mật khẩu đủ dài';
const PUPIL = { code: 'HS-0007', name: 'Nguyễn Thị Ánh Tuyết', group: '6A1' };
const STRANGER = 'THE-LA-999';
/** Vietnamese Excel's "CSV": Windows-1258 with combining tone marks, semicolons, CRLF. */
const ROSTER = encodeWindows1258(`Mã số;Họ tên;Lớp;Vai trò\r\n${PUPIL.code};${PUPIL.name};${PUPIL.group};học sinh\r\nHS-0008;Trần Đức Việt;6A2;học sinh\r\n`);

let server: ServerHandle;
let siteId: string;
before(async () => {
  // A long grey lead-in: the kiosk enrols and pulls the roster before the first badge comes into view.
  await writeQrVideo(join(dir, 'badges.y4m'), { codes: [PUPIL.code, STRANGER], width: 320, height: 240, fps: 5, blankFrames: 60, framesPerCode: 10, tailFrames: 100 });
  server = await startServer();
  const org = await gatelog<{ id: string }>(server.env, 'org', 'add', '--name', 'Phòng GD&ĐT Hạ Long');
  siteId = (await gatelog<{ id: string }>(server.env, 'site', 'add', '--org', org.id, '--name', 'Trường THCS Bãi Cháy')).id;
  await gatelog(server.env, 'admin', 'add', '--org', org.id, '--email', EMAIL, '--password', PASSWORD);
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** The kiosk's roster table, read straight from IndexedDB. */
function rosterCodes(page: Page): Promise<string[]> {
  return page.evaluate(
    () =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open('gatelog');
        open.onsuccess = () => {
          const req = open.result.transaction('roster').objectStore('roster').getAllKeys();
          req.onsuccess = () => {
            open.result.close();
            resolve(req.result.map(String));
          };
          req.onerror = () => reject(req.error);
        };
        open.onerror = () => reject(open.error);
      }),
  );
}

test('a school uploads its Excel roster in the console; the kiosk shows the pupil by name and class and flags an unknown badge', async () => {
  const browser = await launchWithFakeCamera(join(dir, 'badges.y4m'));
  try {
    // 1. The console: upload, preview, apply.
    const console_ = await browser.newPage();
    await console_.goto(`${server.url}/admin/`);
    await console_.getByLabel('Email').fill(EMAIL);
    await console_.getByLabel('Mật khẩu').fill(PASSWORD);
    await console_.getByRole('button', { name: 'Đăng nhập' }).click();
    await console_.getByTestId('who').waitFor();
    await console_.goto(`${server.url}/admin/#/sites/${siteId}/roster`);
    await console_.getByTestId('roster-file').setInputFiles({ name: 'danh-sach.csv', mimeType: 'text/csv', buffer: Buffer.from(ROSTER) });
    await console_.getByTestId('roster-counts').filter({ hasText: 'windows-1258' }).waitFor();
    assert.match(await console_.getByTestId('roster-counts').innerText(), /Xem trước: 2 thêm/);
    // The preview lists the rows themselves, and applying asks first (issue #11): nothing changes until confirmed.
    const pupilRow = console_.getByTestId('roster-preview-row').filter({ hasText: PUPIL.code });
    assert.match(await pupilRow.innerText(), new RegExp(`thêm.*${PUPIL.code}.*${PUPIL.name}`, 's'));
    await console_.getByTestId('roster-apply').click();
    await console_.getByTestId('roster-confirm').waitFor();
    assert.equal(await console_.getByTestId('roster-entries').getByText(PUPIL.name, { exact: true }).count(), 0);
    await console_.getByTestId('roster-confirm-yes').click();
    await console_.getByTestId('roster-entries').getByText(PUPIL.name, { exact: true }).waitFor();

    // 2. A kiosk at the school enrols and syncs the roster down before the badges come into view.
    const context = await cameraContext(browser, server.url);
    const kiosk = await openEnrolledKiosk(context, await newEnrolUrl(server.env, siteId, server.url));
    await fireOnline(kiosk);
    for (let i = 0; (await rosterCodes(kiosk)).length < 2; i++) {
      if (i > 40) throw new Error('the roster never reached the kiosk');
      await kiosk.waitForTimeout(250);
    }
    const flagged = kiosk.getByTestId('outcome').filter({ hasText: 'Không có trong danh sách' }).waitFor({ timeout: 45_000 });

    // 3. The pupil's badge, then a code not on the roster.
    const rows = await waitForOutbox(kiosk, (r) => r.length >= 2, 45_000);
    assert.deepEqual(rows.map((r) => [r.visitor.kind, r.visitor.subject, r.visitor.name, r.visitor.group]), [
      ['badge', PUPIL.code, PUPIL.name, PUPIL.group],
      ['opaque', STRANGER, undefined, undefined],
    ]);
    await flagged;

    // 4. On the server, with the pupil's name.
    await fireOnline(kiosk);
    await waitForOutbox(kiosk, (r) => r.every((x) => x.syncState === 'synced'));
    const { checkins } = checkinListSchema.parse(await gatelog(server.env, 'checkins', '--site', siteId));
    assert.deepEqual(checkins.map((c) => [c.visitor.kind, c.visitor.subject, c.visitor.name]), [
      ['badge', PUPIL.code, PUPIL.name],
      ['opaque', STRANGER, undefined],
    ]);

    // 5. The console's other issue #6 pages: a signed pass for a contractor, and a pupil's erasure request.
    await console_.goto(`${server.url}/admin/#/sites/${siteId}/pass`);
    await console_.locator('input[name=pass-name]').fill('Nhà thầu Lê Văn Sơn');
    await console_.getByRole('button', { name: 'Cấp phiếu' }).click();
    await console_.getByTestId('signed-pass-name').filter({ hasText: 'Nhà thầu Lê Văn Sơn' }).waitFor();
    assert.match((await console_.getByTestId('signed-pass-qr').getAttribute('src')) ?? '', /^data:image\/svg\+xml/);
    await console_.goto(`${server.url}/admin/#/subjects`);
    await console_.getByTestId('subject-input').fill(PUPIL.code);
    await console_.getByRole('button', { name: 'Xem', exact: true }).click();
    await console_.getByTestId('subject-data').getByText(PUPIL.name).first().waitFor();
    console_.once('dialog', (d) => void d.accept());
    await console_.getByTestId('erase-subject').click();
    assert.match(await console_.getByTestId('erased').innerText(), /: 2$/); // the check-in and the roster entry
  } finally {
    await browser.close();
  }
});
