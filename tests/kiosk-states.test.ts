import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { checkinListSchema } from '../src/protocol/admin';
import { siteQrUrl } from '../src/protocol/console';
import { writeQrVideo } from './fixtures/qr-video';
import { cccdPayload } from './fixtures/visitors';
import { seriousViolations } from './support/axe';
import { cameraContext, launchWithFakeCamera } from './support/browser';
import { createSite, gatelog, newEnrolUrl } from './support/cli';
import { logInPage, openEnrolledKiosk, passengers, waitForOutbox } from './support/kiosk-page';
import { boxesAtOnce, inside, overlaps, type Box } from './support/layout';
import { readOutbox } from './support/outbox-reader';
import { ROOT, startServer, type ServerHandle } from './support/server-process';

/**
 * Issue #11, the kiosk as a new user meets it: first run, loading, every banner, the offline footer, manual entry,
 * three screen shapes, and axe-core over each state. README's screenshots are refreshed with `UPDATE_SCREENSHOTS=1`.
 */
const dir = mkdtempSync(join(tmpdir(), 'gatelog-states-'));
const SHOTS = process.env.UPDATE_SCREENSHOTS === '1' ? join(ROOT, 'docs') : dir;
const TUYET = cccdPayload('079190012345', 'Nguyễn Thị Ánh Tuyết', '15031990', 'Nữ');
const DUC = cccdPayload('001205000001', 'Trần Văn Đức', '01012005', 'Nam');
const BAD_CARD = cccdPayload('003190012345', 'Đỗ Văn Sai', '15031990', 'Nam');

let server: ServerHandle;
let siteId: string;
const serverNames = async (site: string) =>
  checkinListSchema.parse(await gatelog(server.env, 'checkins', '--site', site)).checkins.map((c) => c.visitor.name ?? c.visitor.subject);

/**
 * Records in the page when each outcome banner appears and goes (performance.now()), so the durations do not depend
 * on how busy the test process is. Plain JavaScript text: tsx would wrap named functions in a helper the page lacks.
 */
const WATCH_OUTCOMES = `(() => {
  const log = [];
  window.__outcomes = log;
  new MutationObserver(() => {
    const el = document.querySelector('[data-testid=outcome]');
    const cur = el ? el.getAttribute('data-outcome') : null;
    const last = log[log.length - 1];
    if (last && last.hiddenAt === undefined && cur !== last.outcome) last.hiddenAt = performance.now();
    if (cur && (!last || last.hiddenAt !== undefined)) log.push({ outcome: cur, shownAt: performance.now() });
  }).observe(document.body, { subtree: true, childList: true, attributes: true });
})()`;
type Shown = { outcome: string; shownAt: number; hiddenAt?: number };

/** Asserts axe-core finds no serious or critical violation in the page's current state. */
async function assertAccessible(page: Page, state: string): Promise<void> {
  assert.deepEqual(await seriousViolations(page), [], `axe: ${state}`);
}

before(async () => {
  server = await startServer();
  siteId = await createSite(server.env, 'Cảng khách Cái Rồng');
});
after(async () => {
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** URL path of a built, hashed asset. */
const builtAsset = (prefix: string, ext = '.js') => `/assets/${readdirSync(join(ROOT, 'dist/assets')).find((f) => f.startsWith(prefix) && f.endsWith(ext))}`;

test('the built app is sent precompressed: brotli for the .wasm and the shell', async () => {
  const wasm = builtAsset('zxing_reader-', '.wasm');
  for (const path of [wasm, '/', builtAsset('main-')]) {
    const res = await fetch(`${server.url}${path}`, { headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-encoding'), 'br', `${path} in brotli`);
    await res.arrayBuffer();
  }
});

describe('a kiosk before enrolment', () => {
  let browser: Browser;
  let enrolUrl: string;
  before(async () => {
    enrolUrl = await newEnrolUrl(server.env, siteId, server.url);
    // A visitor first, then the enrolment QR code from the administrator's screen.
    await writeQrVideo(join(dir, 'first-run.y4m'), { codes: [DUC, enrolUrl], blankFrames: 40, framesPerCode: 10, tailFrames: 600 });
    browser = await launchWithFakeCamera(join(dir, 'first-run.y4m'));
  });
  after(() => browser?.close());

  test('paints a shell at once, says the decoder is loading, shows how to enrol, keeps an early visitor and sends it once enrolled', async () => {
    const context = await cameraContext(browser, server.url);
    // A slow decoder download, as over an island link: the kiosk must say so instead of "hold the code".
    let releaseWasm!: () => void;
    const wasmHeld = new Promise<void>((r) => (releaseWasm = r));
    await context.route('**/assets/zxing_reader-*.wasm', async (route) => {
      await wasmHeld;
      await route.continue();
    });
    const page = await context.newPage();
    const response = await page.goto(server.url, { waitUntil: 'commit' });
    const html = (await response!.text()) ?? '';
    assert.match(html, /id="shell"[\s\S]*Đang tải ứng dụng…/, 'the shell is in the HTML itself');

    await page.waitForSelector('[data-ready=true]');
    assert.equal(await page.getByTestId('shell').count(), 0, 'the shell gives way to the app');
    const firstRun = page.getByTestId('first-run');
    await firstRun.waitFor();
    assert.match((await firstRun.textContent()) ?? '', /đường link đăng ký[\s\S]*mã QR đăng ký/);
    const loading = page.getByTestId('decoder-loading');
    await loading.waitFor();
    assert.match((await loading.textContent()) ?? '', /Đang tải bộ đọc mã…/);
    assert.equal(await page.getByText('Đưa mã QR vào khung').count(), 0, 'no "hold the code" while nothing can read it');
    await assertAccessible(page, 'unenrolled, decoder loading');
    await page.screenshot({ path: join(SHOTS, 'kiosk-first-run.png') });
    releaseWasm();
    await page.getByText('Đưa mã QR vào khung').waitFor({ timeout: 15_000 });
    assert.equal(await page.getByTestId('camera').getAttribute('data-decoder'), 'zxing-wasm');

    // The visitor scanned before enrolment: logged on the tablet, and the banner says where it goes.
    const kept = page.getByTestId('outcome-unenrolled');
    await kept.waitFor({ timeout: 20_000 });
    assert.equal(await kept.textContent(), 'Lưu trên máy này — sẽ gửi khi máy được đăng ký');
    assert.equal(await page.getByTestId('outcome-name').textContent(), 'Trần Văn Đức');

    // Then the enrolment QR code: the kiosk enrols and sends what it kept.
    await page.waitForSelector('[data-enrolled=true]', { timeout: 20_000 });
    assert.equal(await page.getByTestId('first-run').count(), 0);
    await waitForOutbox(page, (rows) => rows.length === 1 && rows[0]!.syncState === 'synced');
    assert.deepEqual(await serverNames(siteId), ['Trần Văn Đức']);
    await context.close();
  });
});

describe('an enrolled kiosk', () => {
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let otherSiteId: string;
  before(async () => {
    otherSiteId = await createSite(server.env, 'Trường THCS Hạ Long');
    // Gaps of 4 s: each amber, red or blue banner must still be up 3.5 s after it appeared.
    const codes = [siteQrUrl(server.url, siteId), siteQrUrl(server.url, otherSiteId), TUYET, 'HS-2024-09999', BAD_CARD];
    await writeQrVideo(join(dir, 'states.y4m'), { codes, blankFrames: 40, framesPerCode: 10, tailFrames: 3000 });
    browser = await launchWithFakeCamera(join(dir, 'states.y4m'));
    context = await cameraContext(browser, server.url);
    page = await openEnrolledKiosk(context, await newEnrolUrl(server.env, siteId, server.url));
  });
  after(() => browser?.close());

  test('tells its own poster, another site\'s poster, a visitor, an unknown badge and a bad card apart, each for long enough', async () => {
    await page.evaluate(WATCH_OUTCOMES);
    const outcome = page.getByTestId('outcome');
    await page.waitForSelector('[data-outcome=site-own]', { timeout: 30_000 });
    assert.match((await outcome.textContent()) ?? '', /Đây là mã địa điểm — hãy quét mã của khách/);
    assert.equal((await readOutbox(page)).length, 0, 'a poster is never a visitor');

    await page.waitForSelector('[data-outcome=site-other]', { timeout: 15_000 });
    await page.getByTestId('outcome-site').filter({ hasText: 'Trường THCS Hạ Long' }).waitFor({ timeout: 3000 });
    assert.match((await outcome.textContent()) ?? '', /Mã địa điểm của nơi khác — không ghi[\s\S]*Hãy quét mã của khách/);
    await assertAccessible(page, 'red: another site');
    assert.equal((await readOutbox(page)).length, 0);

    await page.waitForSelector('[data-outcome=logged]', { timeout: 15_000 });
    assert.equal(await page.getByTestId('outcome-name').textContent(), 'Nguyễn Thị Ánh Tuyết');
    await assertAccessible(page, 'green');
    await page.screenshot({ path: join(SHOTS, 'kiosk-logged.png') });

    await page.waitForSelector('[data-outcome=unrecognised]', { timeout: 15_000 });
    assert.equal(await page.getByTestId('outcome-code').textContent(), 'Mã: HS-2024-09999', 'amber shows which badge');
    await assertAccessible(page, 'amber');
    await page.screenshot({ path: join(SHOTS, 'kiosk-amber.png') });

    await page.waitForSelector('[data-outcome=rejected][data-reason=cccdProvince]', { timeout: 15_000 });
    assert.equal(await page.getByTestId('outcome-action').textContent(), 'Hãy ghi khách bằng nút “Nhập tay”.', 'red says what to do');
    await assertAccessible(page, 'red: refused card');
    await page.screenshot({ path: join(SHOTS, 'kiosk-refused.png') });
    await page.waitForSelector('[data-outcome]', { state: 'detached', timeout: 10_000 });

    const shown = (await page.evaluate('window.__outcomes')) as Shown[];
    assert.deepEqual(shown.map((s) => s.outcome), ['site-own', 'site-other', 'logged', 'unrecognised', 'rejected'], 'each code once, in order');
    for (const s of shown) {
      const ms = s.hiddenAt! - s.shownAt;
      if (s.outcome === 'logged') assert.ok(ms < 3000, `green moves on quickly (${ms.toFixed(0)} ms)`);
      else assert.ok(ms >= 3500, `${s.outcome} stays up ≥ 3.5 s (${ms.toFixed(0)} ms)`);
    }
    const rows = await readOutbox(page);
    assert.deepEqual(rows.map((r) => r.visitor.subject).sort(), ['079190012345', 'HS-2024-09999']);
  });

  test('manual entry: focus on the name, every error at once on its field, formats said, tone-free search, no "returning" on the way out', async () => {
    await page.getByTestId('manual-open').click();
    const form = page.getByTestId('manual-form');
    await form.waitFor();
    // Focus is given by the form's first effect, a tick after it appears: wait for it (a busy machine is slow).
    await page.waitForFunction(() => document.activeElement?.getAttribute('name') === 'name', null, { timeout: 5000 }).catch(() => undefined);
    assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('name')), 'name', 'the name field has focus');
    const hint = await page.locator('#manual-contact-hint').textContent();
    assert.match(hint ?? '', /8–15 chữ số[\s\S]*12 chữ số[\s\S]*9 chữ số/);

    await page.locator('#manual-contact').fill('12ab');
    await form.getByRole('button', { name: 'Ghi lại' }).click();
    const name = page.getByLabel('Họ và tên');
    const contact = page.getByLabel('Số điện thoại hoặc số CCCD');
    assert.equal(await name.getAttribute('aria-invalid'), 'true');
    assert.equal(await contact.getAttribute('aria-invalid'), 'true');
    assert.equal(await page.getByTestId('manual-name-error').textContent(), 'Hãy nhập họ tên.');
    assert.equal(await page.getByTestId('manual-contact-error').textContent(), 'Số điện thoại hoặc số CCCD không đúng.');
    assert.equal(await name.getAttribute('aria-describedby'), 'manual-name-error');
    assert.match((await contact.getAttribute('aria-describedby')) ?? '', /manual-contact-error/);
    await assertAccessible(page, 'manual entry with errors');
    await page.screenshot({ path: join(SHOTS, 'kiosk-manual-errors.png') });

    // "tuyet" finds Nguyễn Thị Ánh Tuyết, scanned earlier; picking her on the way OUT is not a "returning guest".
    await contact.fill(''); // the search reads the contact field once it has 3 characters
    await name.fill('tuyet');
    const pick = page.getByTestId('returning').getByRole('button', { name: /Nguyễn Thị Ánh Tuyết/ });
    await pick.waitFor();
    await form.getByRole('button', { name: 'Huỷ' }).click();
    await page.getByTestId('mode').click();
    await page.waitForSelector('[data-direction=out]');
    await page.getByTestId('manual-open').click();
    await page.getByLabel('Họ và tên').fill('nguyen thi');
    await page.getByTestId('returning').getByRole('button', { name: /Nguyễn Thị Ánh Tuyết/ }).click();
    await page.waitForSelector('[data-outcome=logged]');
    assert.equal(await page.getByTestId('outcome').locator('.outcome-title').textContent(), 'Đã ghi RA');
    assert.equal(await page.getByTestId('outcome-returning').count(), 0, 'no "returning guest" on the way out');
    await page.getByTestId('mode').click();
    await page.waitForSelector('[data-direction=in]');
  });

  test('lays out landscape and portrait tablets and phones with nothing over the frame, the banner or the buttons', async () => {
    for (const [width, height, shot] of [[1280, 800, ''], [800, 1280, 'kiosk-portrait.png'], [390, 844, 'kiosk-phone.png']] as const) {
      await page.setViewportSize({ width, height });
      await page.waitForTimeout(300);
      const viewport = { x: 0, y: 0, width, height };
      const before = await boxesAtOnce(page, [
        ['camera', '[data-testid=camera]'],
        ['frame guide', '[data-testid=frame-guide]'],
        ['banner area', '[data-testid=side]'],
        ['camera hint', '.camera-hint'],
        ['mode', '[data-testid=mode]'],
        ['footer button', '.kiosk-footer button, .kiosk-footer a'],
      ]);
      const [camera, frame, side, hintBox, ...buttons] = before as [Box, Box, Box, Box, ...Box[]];
      const hint = [hintBox];
      const size = `${width}×${height}`;
      assert.ok(inside(frame, camera), `${size}: the frame guide is inside the camera`);
      assert.ok(frame.width >= Math.min(width, height) * 0.35, `${size}: the frame guide is large enough (${frame.width} px)`);
      for (const b of [side, ...buttons, ...hint]) assert.ok(inside(b, viewport), `${size}: ${b.name} is on screen`);
      assert.deepEqual(overlaps([frame, side, ...buttons, ...hint]), [], `${size}: nothing overlaps`);
      const manual = buttons.find((b) => b.name.startsWith('footer button'))!;
      assert.ok(manual.height < 70, `${size}: "Nhập tay" on one line (${manual.height} px)`);
      // The outcome banner takes the banner area, never the frame.
      await page.getByTestId('manual-open').click();
      await page.getByLabel('Họ và tên').fill('Vũ Đình Hoàng');
      await page.getByLabel('Số điện thoại hoặc số CCCD').fill('0912 345 678');
      await page.getByTestId('manual-form').getByRole('button', { name: 'Ghi lại' }).click();
      await page.getByTestId('outcome').waitFor();
      const now = await boxesAtOnce(page, [
        ['banner', '[data-testid=outcome]'],
        ['banner area', '[data-testid=side]'],
        ['frame guide', '[data-testid=frame-guide]'],
        ['mode', '[data-testid=mode]'],
        ['footer button', '.kiosk-footer button, .kiosk-footer a'],
      ]);
      const [banner, sideNow, frameNow, ...buttonsNow] = now as [Box, Box, Box, ...Box[]];
      assert.ok(inside(banner, sideNow), `${size}: the banner stays in its area`);
      for (const b of [banner, ...buttonsNow]) assert.ok(inside(b, viewport), `${size}: ${b.name} is on screen`);
      assert.deepEqual(overlaps([frameNow, banner, ...buttonsNow]), [], `${size}: the banner covers neither the frame nor a button`);
      if (shot) await page.screenshot({ path: join(SHOTS, shot) });
      await page.waitForSelector('[data-outcome]', { state: 'detached' });
    }
    await page.setViewportSize({ width: 1024, height: 700 });

    // English arrives on demand (a lazy chunk) and reads through, then back to Vietnamese.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByTestId('manual-open').filter({ hasText: 'Type in' }).waitFor();
    assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
    assert.match((await page.getByTestId('sync-status').textContent()) ?? '', /Last sync|All sent/);
    await assertAccessible(page, 'idle, in English');
    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await page.getByTestId('manual-open').filter({ hasText: 'Nhập tay' }).waitFor();
  });
});

describe('the footer without a link', () => {
  let browser: Browser;
  before(async () => {
    browser = await launchWithFakeCamera();
  });
  after(() => browser?.close());

  test('says offline with what waits and the last sync, and resumes within 10 s of the link returning', async () => {
    const context = await cameraContext(browser, server.url);
    const page = await openEnrolledKiosk(context, await newEnrolUrl(server.env, siteId, server.url));
    const footer = page.getByTestId('sync-status');
    await page.waitForSelector('[data-testid=sync-status][data-state=synced]');
    const lastSync = await page.getByTestId('last-sync').textContent();
    assert.match(lastSync ?? '', /^Đồng bộ lần cuối: /);

    // The link goes down, and the tablet restarts with 4 records waiting (logged through the kiosk's write path).
    await context.setOffline(true);
    const rows = await logInPage(page, passengers(4));
    await page.reload();
    await page.waitForSelector('[data-testid=sync-status][data-state=offline]');
    await page.getByTestId('sync-headline').filter({ hasText: 'Mất mạng — 4 bản ghi chờ gửi' }).waitFor();
    assert.equal(await page.getByTestId('last-sync').textContent(), lastSync, 'the last good sync stays shown');
    assert.doesNotMatch((await footer.textContent()) ?? '', /Đang đồng bộ/, 'not "syncing" while offline');
    assert.equal(await page.getByTestId('send-now').textContent(), 'Gửi ngay');
    await assertAccessible(page, 'offline');
    await page.screenshot({ path: join(SHOTS, 'kiosk-offline.png') });

    await context.setOffline(false);
    const back = Date.now();
    await waitForOutbox(page, (r) => r.every((x) => x.syncState === 'synced'), 10_000);
    assert.ok(Date.now() - back <= 10_000, `resumed ${Date.now() - back} ms after the link returned`);
    await page.waitForSelector('[data-testid=sync-status][data-state=synced]');

    const names = await serverNames(siteId);
    for (const r of rows) assert.ok(names.includes(r.visitor.name!), `${r.visitor.name} on the server`);
    await assertAccessible(page, 'idle, all sent');

    // The service worker keeps only what the kiosk runs: the decoder and its .wasm, not the console or the fallback.
    const cached = (await page.evaluate(async () => {
      const urls: string[] = [];
      for (const name of await caches.keys()) for (const r of await (await caches.open(name)).keys()) urls.push(new URL(r.url).pathname);
      return urls;
    })) as string[];
    assert.ok(cached.some((u) => /zxing_reader-.*\.wasm$/.test(u)), 'the .wasm is precached');
    assert.ok(cached.includes('/index.html') && cached.includes('/pass.html'));
    assert.deepEqual(cached.filter((u) => /admin|zxing-js-decoder/.test(u)), [], 'no console, no fallback decoder');
    await context.close();
  });

  test('"Gửi ngay" sends at once after the server refused for a while', async () => {
    // No service worker here: its Background Sync would send the record behind the page's back.
    const context = await browser.newContext({ viewport: { width: 1024, height: 700 }, serviceWorkers: 'block' });
    await context.grantPermissions(['camera'], { origin: server.url });
    const page = await context.newPage();
    await page.goto(await newEnrolUrl(server.env, siteId, server.url));
    await page.waitForSelector('[data-enrolled=true]');
    await page.waitForSelector('[data-testid=sync-status][data-state=synced]');
    // The server answers errors for a while: after three failed tries the next timed one is ≥ 10 s away, so a
    // sync within 5 s of the tap is the tap's doing.
    let refusing = true;
    let posts = 0;
    await context.route('**/api/v1/sync/checkins', (route) => {
      posts++;
      return refusing ? route.fulfill({ status: 503, body: '{"code":"unavailable","message":"x"}' }) : route.continue();
    });
    await page.getByTestId('manual-open').click();
    await page.getByLabel('Họ và tên').fill('Lý Thị Mai');
    await page.getByLabel('Số điện thoại hoặc số CCCD').fill('0987 000 111');
    await page.getByTestId('manual-form').getByRole('button', { name: 'Ghi lại' }).click();
    await page.waitForSelector('[data-testid=sync-status][data-state=retrying]');
    for (let tries = posts; tries < 3; tries = posts) {
      await page.getByTestId('send-now').click();
      const deadline = Date.now() + 5000;
      while (posts === tries && Date.now() < deadline) await page.waitForTimeout(100);
    }
    refusing = false;
    const tapped = Date.now();
    await page.getByTestId('send-now').click();
    await waitForOutbox(page, (r) => r.every((x) => x.syncState === 'synced'), 5000);
    assert.ok(Date.now() - tapped <= 5000);
    const names = await serverNames(siteId);
    assert.ok(names.includes('Lý Thị Mai'), 'on the server');
    await context.close();
  });

  test('the visitor-pass page has no serious accessibility problem, before and after making a pass', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await page.goto(`${server.url}/pass`);
    await page.getByLabel('Họ và tên').waitFor();
    await assertAccessible(page, '/pass form');
    await page.getByLabel('Họ và tên').fill('Phạm Thị Ngọc Hân');
    await page.getByLabel('Số điện thoại').fill('0987 654 321');
    await page.getByRole('button', { name: 'Tạo phiếu' }).click();
    await page.getByTestId('pass-name').waitFor();
    await assertAccessible(page, '/pass with a pass');
    await page.close();
  });
});
