import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { writeQrVideo } from '../tests/fixtures/qr-video';
import { cccdPayload } from '../tests/fixtures/visitors';
import { cameraContext, launchWithFakeCamera } from '../tests/support/browser';
import { createSite, newEnrolUrl } from '../tests/support/cli';
import { startServer, type ServerHandle } from './support/app-server';
import { fmt, ratio, type BenchRow } from './support/stats';
import { startThrottleProxy, type LinkSpec } from './support/throttle-proxy';

/** The island link of issue #11: 400 ms round trip, 400 kbit/s each way. */
const ISLAND: LinkSpec = { rttMs: 400, bitsPerSecond: 400_000 };
const TARGET_S = 18;
const VISITOR = cccdPayload('079190012345', 'Nguyễn Thị Ánh Tuyết', '15031990', 'Nữ');

interface FirstLoad {
  /** Seconds after navigation: first paint, app rendered, decoder answering, visitor logged on the tablet, on the server. */
  paint: number;
  app: number;
  decoder: number;
  logged: number;
  server: number;
  /** Bytes the link carried down until the visitor was on the server. */
  bytesDown: number;
}

// Plain JavaScript text for the page: tsx would wrap named functions in a helper the page lacks.
const MARKS = `(() => {
  const at = (name) => performance.getEntriesByName(name)[0];
  const logged = at('scan-to-logged');
  return {
    paint: at('first-contentful-paint')?.startTime ?? NaN,
    app: at('app-ready')?.startTime ?? NaN,
    decoder: at('camera-ready')?.startTime ?? NaN,
    logged: logged ? logged.startTime + logged.duration : NaN,
    origin: performance.timeOrigin,
  };
})()`;

/**
 * A new tablet opens its enrolment link through the throttled link with a visitor already in front of its camera;
 * the clock runs from navigation until the server has stored the visitor (its received_at), read from the database.
 */
async function firstLoad(browser: Browser, server: ServerHandle, identity: boolean): Promise<FirstLoad> {
  const proxy = await startThrottleProxy(server.port, { ...ISLAND, identityEncoding: identity });
  const db = new Database(join(server.dataDir, 'gatelog.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const siteId = await createSite(server.env, identity ? 'Nhà nghỉ Hải Âu (identity)' : 'Nhà nghỉ Hải Âu');
    const enrolUrl = await newEnrolUrl(server.env, siteId, proxy.url);
    const context = await cameraContext(browser, proxy.url);
    const page = await context.newPage();
    await page.goto(enrolUrl, { waitUntil: 'commit', timeout: 120_000 });
    const first = db.prepare('SELECT min(received_at) AS at FROM checkin WHERE site_id = ?');
    const deadline = Date.now() + 180_000;
    let receivedAt: number | null = null;
    while (receivedAt === null) {
      if (Date.now() > deadline) throw new Error('the visitor never reached the server');
      await new Promise((r) => setTimeout(r, 100));
      receivedAt = (first.get(siteId) as { at: number | null }).at;
    }
    const bytesDown = proxy.bytes.down;
    const marks = (await page.evaluate(MARKS)) as { paint: number; app: number; decoder: number; logged: number; origin: number };
    await context.close();
    return {
      paint: marks.paint / 1000,
      app: marks.app / 1000,
      decoder: marks.decoder / 1000,
      logged: marks.logged / 1000,
      server: (receivedAt - marks.origin) / 1000,
      bytesDown,
    };
  } finally {
    db.close();
    await proxy.close();
  }
}

/** Issue #11's first load: navigation → visitor on the server through a 400 ms / 400 kbit/s link, vs uncompressed. */
export async function benchFirstLoad(): Promise<{ rows: BenchRow[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'gatelog-bench-first-'));
  const video = join(dir, 'visitor.y4m');
  // The visitor stands in front of the camera the whole time (a short loop of the same card).
  await writeQrVideo(video, { codes: [VISITOR], framesPerCode: 30, blankFrames: 0, tailFrames: 0 });
  const server = await startServer();
  const browser = await launchWithFakeCamera(video);
  try {
    const plain = await firstLoad(browser, server, true);
    const packed = await firstLoad(browser, server, false);
    const s = (n: number) => fmt(n, 1);
    const link = `${ISLAND.rttMs} ms RTT / ${ISLAND.bitsPerSecond / 1000} kbit/s`;
    return {
      rows: [
        {
          part: 'firstload',
          metric: `new tablet, enrolment link → visitor in view on the server, ${link}, s`,
          value: s(packed.server),
          baseline: `${s(plain.server)} s uncompressed`,
          ratio: ratio(packed.server, plain.server),
          target: `≤ ${TARGET_S} s`,
          met: packed.server <= TARGET_S,
        },
        {
          part: 'firstload',
          metric: 'same run: first paint / app rendered / decoder answering / logged on the tablet, s',
          value: `${s(packed.paint)} / ${s(packed.app)} / ${s(packed.decoder)} / ${s(packed.logged)}`,
          baseline: `${s(plain.paint)} / ${s(plain.app)} / ${s(plain.decoder)} / ${s(plain.logged)} uncompressed`,
        },
        {
          part: 'firstload',
          metric: 'bytes down the link until the visitor is on the server, KB',
          value: fmt(packed.bytesDown / 1024, 0),
          baseline: `${fmt(plain.bytesDown / 1024, 0)} KB uncompressed`,
          ratio: ratio(packed.bytesDown, plain.bytesDown),
        },
      ],
    };
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
