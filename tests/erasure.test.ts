import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { auditListSchema } from '../src/protocol/audit';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { createSiteWithAdmin, gatelog, newEnrolUrl } from './support/cli';
import { fireOnline, logManually, openEnrolledKiosk, waitForOutbox } from './support/kiosk-page';
import { startServer, type ServerHandle } from './support/server-process';

const EMAIL = 'ttyt@example.vn';
const PASSWORD = 'mật khẩu đủ dài';
const ERASED = { name: 'Trần Thị Bích', phone: '0912345678' };
const STAYS = { name: 'Lê Văn Cường', phone: '0987654321' };

let server: ServerHandle;
let siteId: string;
before(async () => {
  server = await startServer();
  ({ siteId } = await createSiteWithAdmin(server.env, { org: 'Ban quản lý cảng Cái Rồng', site: 'Cảng Cái Rồng' }, { email: EMAIL, password: PASSWORD }));
});
after(() => server?.stop());

/** The returning-guest suggestions the manual entry form offers for what the attendant typed. */
async function suggestionsFor(kiosk: Page, typed: string): Promise<string[]> {
  await kiosk.getByTestId('manual-open').click();
  await kiosk.locator('input[name=name]').fill(typed);
  // The form looks suggestions up after each keystroke; give a present one the time to appear.
  await kiosk.getByTestId('returning').waitFor({ timeout: 1500 }).catch(() => undefined);
  const found = await kiosk.locator('.returning-pick').allInnerTexts();
  await kiosk.getByRole('button', { name: 'Huỷ' }).click();
  return found;
}

test('"Xoá dữ liệu" reaches the kiosk: its records and its one-tap suggestion go at the next sync; the audit log keeps no phone (issue #10)', async () => {
  const browser = await launchWithFakeCamera();
  try {
    const kiosk = await openEnrolledKiosk(await cameraContext(browser, server.url), await newEnrolUrl(server.env, siteId, server.url));
    await logManually(kiosk, ERASED);
    await logManually(kiosk, STAYS);
    await fireOnline(kiosk);
    await waitForOutbox(kiosk, (rows) => rows.length === 2 && rows.every((r) => r.syncState === 'synced'));
    assert.deepEqual(await suggestionsFor(kiosk, 'Bích'), [`${ERASED.name} · ${ERASED.phone}`]);

    // The console: a data request by phone, then the erasure.
    const console_ = await browser.newPage();
    await console_.goto(`${server.url}/admin/`);
    await console_.getByLabel('Email').fill(EMAIL);
    await console_.getByLabel('Mật khẩu').fill(PASSWORD);
    await console_.getByRole('button', { name: 'Đăng nhập' }).click();
    await console_.getByTestId('who').waitFor();
    await console_.goto(`${server.url}/admin/#/subjects`);
    await console_.getByTestId('subject-input').fill(ERASED.phone);
    await console_.getByRole('button', { name: 'Xem', exact: true }).click();
    await console_.getByTestId('subject-data').getByText(ERASED.name).first().waitFor();
    console_.once('dialog', (d) => void d.accept());
    await console_.getByTestId('erase-subject').click();
    assert.match(await console_.getByTestId('erased').innerText(), /: 1$/);
    const audit = auditListSchema.parse(await console_.evaluate(async () => (await fetch('/api/v1/audit')).json()));
    assert.ok(audit.entries.some((e) => e.action === 'subject.erase'));
    assert.doesNotMatch(JSON.stringify(audit), /0912345678|Trần Thị Bích/);

    // The kiosk's next sync brings the erasure list: the person is gone from the tablet, the other visitor stays.
    await fireOnline(kiosk);
    const rows = await waitForOutbox(kiosk, (r) => r.length === 1, 20_000);
    assert.deepEqual(rows.map((r) => r.visitor.name), [STAYS.name]);
    assert.deepEqual(await suggestionsFor(kiosk, 'Bích'), []);
    assert.deepEqual(await suggestionsFor(kiosk, 'Cường'), [`${STAYS.name} · ${STAYS.phone}`]);
  } finally {
    await browser.close();
  }
});
