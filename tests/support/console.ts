import assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { gatelog } from './cli';

/** Signs in to the console at `baseUrl` in Vietnamese (the default) and waits for the top bar. */
export async function signInToConsole(page: Page, baseUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Mật khẩu').fill(password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await page.getByTestId('who').waitFor();
}

/** A kiosk added with the CLI and enrolled through the API, as a tablet would: its id and device token. */
export async function enrolledKiosk(env: NodeJS.ProcessEnv, baseUrl: string, siteId: string, name: string): Promise<{ deviceId: string; token: string }> {
  const device = await gatelog<{ deviceId: string; code: string }>(env, 'device', 'add', '--site', siteId, '--name', name);
  const enrol = await fetch(`${baseUrl}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: device.code }) });
  assert.equal(enrol.status, 200);
  return { deviceId: device.deviceId, token: ((await enrol.json()) as { token: string }).token };
}
