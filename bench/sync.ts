import type { Browser, BrowserContext } from 'playwright-core';
import { applyFieldPolicy } from '../src/domain/field-policy';
import { parseCode } from '../src/domain/parse-code';
import { uuid7 } from '../src/domain/uuid7';
import type { OutboxRow } from '../src/db/gatelog-db';
import { DEFAULT_POLICY } from '../src/protocol/enrol';
import { cameraContext, launchWithFakeCamera } from '../tests/support/browser';
import { createSite, newEnrolUrl } from '../tests/support/cli';
import { fireOnline, openEnrolledKiosk } from '../tests/support/kiosk-page';
import { countPendingRaw } from '../tests/support/outbox-reader';
import { startServer, type ServerHandle } from './support/app-server';
import { seedOutbox } from './support/seed-outbox';
import { cccdCodes } from './scan';
import { fmt, ratio, type BenchRow } from './support/stats';

const RECORDS = 10_000;
/** Emulated 3G as the issue sets it: 750 kbit/s down, 250 kbit/s up, 300 ms latency. */
const THREE_G = { offline: false, latency: 300, downloadThroughput: 750_000 / 8, uploadThroughput: 250_000 / 8 };

/** Outbox rows as the kiosk stores them after scanning CCCD cards under the default policy. */
export function realisticRows(n: number): OutboxRow[] {
  const cards = cccdCodes(200);
  const start = Date.now() - n * 20_000;
  return Array.from({ length: n }, (_, i) => {
    const parsed = parseCode(cards[i % cards.length]!.code);
    if (!parsed.ok) throw new Error('fixture card did not parse');
    const deviceTime = start + i * 20_000;
    return { id: uuid7(deviceTime), seq: i, direction: i % 2 ? 'out' : 'in', deviceTime, visitor: applyFieldPolicy(parsed.visitor, DEFAULT_POLICY.keptFields), syncState: 'pending' };
  });
}

interface DrainResult {
  seconds: number;
  upBytes: number;
  downBytes: number;
  requests: number;
}

async function drain(browser: Browser, server: ServerHandle, siteId: string, opts: { gzip: boolean; network?: typeof THREE_G }): Promise<DrainResult> {
  const context: BrowserContext = await cameraContext(browser, server.url);
  // Browsers without CompressionStream send plain JSON: the same engine's fallback path.
  if (!opts.gzip) await context.addInitScript('delete globalThis.CompressionStream');
  const page = await openEnrolledKiosk(context, await newEnrolUrl(server.env, siteId, server.url));
  await seedOutbox(page, realisticRows(RECORDS));
  const cdp = await context.newCDPSession(page);
  if (opts.network) {
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', opts.network);
  }
  const result: DrainResult = { seconds: 0, upBytes: 0, downBytes: 0, requests: 0 };
  context.on('requestfinished', (r) => {
    if (!r.url().endsWith('/api/v1/sync/checkins')) return;
    void r.sizes().then((s) => {
      result.requests++;
      result.upBytes += s.requestBodySize + s.requestHeadersSize;
      result.downBytes += s.responseBodySize + s.responseHeadersSize;
    });
  });
  const t0 = Date.now();
  await fireOnline(page);
  const deadline = Date.now() + 300_000;
  while ((await countPendingRaw(page)) > 0) {
    if (Date.now() > deadline) throw new Error('sync did not drain in 5 minutes');
    await page.waitForTimeout(100);
  }
  result.seconds = (Date.now() - t0) / 1000;
  await page.waitForTimeout(200);
  await context.close();
  return result;
}

/** Drains 10,000 queued records to a local server, gzip and plain, unthrottled and on emulated 3G. */
export async function benchSync(): Promise<{ rows: BenchRow[] }> {
  const server = await startServer();
  const browser = await launchWithFakeCamera();
  const siteId = await createSite(server.env, 'Bến tàu Ao Tiên');
  const rows: BenchRow[] = [];
  try {
    for (const [label, network] of [['unthrottled', undefined], ['3G', THREE_G]] as const) {
      const plain = await drain(browser, server, siteId, { gzip: false, network });
      const gz = await drain(browser, server, siteId, { gzip: true, network });
      const is3g = label === '3G';
      rows.push({
        part: 'sync',
        metric: `drain ${RECORDS.toLocaleString('en')} records, ${label}, gzip: seconds`,
        value: fmt(gz.seconds),
        baseline: `${fmt(plain.seconds)} s plain JSON`,
        ratio: ratio(gz.seconds, plain.seconds),
        ...(is3g ? { target: '≤ 20 s', met: gz.seconds <= 20 } : {}),
      });
      rows.push({
        part: 'sync',
        metric: `${label}, gzip: bytes per record up (requests: ${gz.requests})`,
        value: fmt(gz.upBytes / RECORDS),
        baseline: `${fmt(plain.upBytes / RECORDS)} plain JSON`,
        ratio: ratio(gz.upBytes, plain.upBytes),
        ...(is3g ? { target: '≤ 60 B', met: gz.upBytes / RECORDS <= 60 } : {}),
      });
      rows.push({ part: 'sync', metric: `${label}, gzip: bytes per record down (answers)`, value: fmt(gz.downBytes / RECORDS), baseline: `${fmt(plain.downBytes / RECORDS)} plain JSON` });
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  return { rows };
}
