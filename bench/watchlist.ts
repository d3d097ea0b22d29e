import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { transformSync } from 'esbuild';
import { launchWithFakeCamera } from '../tests/support/browser';
import { WATCHLIST_HASH_ITERATIONS } from '../src/domain/watchlist-hash';
import { ROOT, startServer } from './support/app-server';
import { fmt, median, percentile, ratio, type BenchRow } from './support/stats';

const ROUNDS = 60;

// In-page code as plain JavaScript text: tsx's transform would wrap named functions in a `__name` helper the page lacks.
const TIME_IN_PAGE = `async ({ rounds, iterations }) => {
  const { watchlistHash } = globalThis.gatelogWatchlist;
  const salt = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8';
  const hmacKey = await crypto.subtle.importKey('raw', new Uint8Array(32), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const time = async (f) => {
    const out = [];
    for (let i = 0; i < rounds; i++) {
      const t = performance.now();
      await f(i);
      out.push(performance.now() - t);
    }
    return out;
  };
  return {
    // 100 a round (one is below the page's timer resolution), reported per hash.
    hmac: (await time((i) => Promise.all(Array.from({ length: 100 }, (_, j) => crypto.subtle.sign('HMAC', hmacKey, new TextEncoder().encode('id_number\\n07919' + i + '-' + j)))))).map((t) => t / 100),
    one: await time((i) => watchlistHash('id_number\\n0791900' + i, salt, iterations)),
    three: await time((i) => Promise.all(['id_number\\n0791900' + i, 'phone\\n09123' + i, 'pass\\nABCDEFG' + i].map((k) => watchlistHash(k, salt, iterations)))),
  };
}`;

/**
 * What the watchlist costs a scan (issue #16): the kiosk's own `watchlistHash` (src/domain/watchlist-hash.ts, run in
 * Chromium on the kiosk's origin) for one key — a CCCD — and three at once — a pass carrying an ID number and a
 * phone, when the list names all three kinds — against one HMAC-SHA-256 of the same key (what a fast keyed hash,
 * like the erasure list's, would cost).
 */
export async function benchWatchlist(): Promise<{ rows: BenchRow[] }> {
  const source = readFileSync(join(ROOT, 'src/domain/watchlist-hash.ts'), 'utf8');
  const code = transformSync(source, { loader: 'ts', format: 'iife', globalName: 'gatelogWatchlist' }).code;
  const server = await startServer();
  const browser = await launchWithFakeCamera();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/api/v1/health`); // a secure context (localhost) without the app running
    await page.evaluate(`globalThis.gatelogWatchlist = (() => { ${code}; return gatelogWatchlist; })()`);
    const times = (await page.evaluate(`(${TIME_IN_PAGE})(${JSON.stringify({ rounds: ROUNDS, iterations: WATCHLIST_HASH_ITERATIONS })})`)) as Record<'hmac' | 'one' | 'three', number[]>;
    const row = (metric: string, values: number[], target?: { text: string; met: boolean }): BenchRow => ({
      part: 'watchlist',
      metric,
      value: `${fmt(median(values))} / ${fmt(percentile(values, 95))}`,
      baseline: `${fmt(median(times.hmac), 3)} ms HMAC-SHA-256`,
      ratio: ratio(median(values), median(times.hmac)),
      ...(target ? { target: target.text, met: target.met } : {}),
    });
    return {
      rows: [
        row(`one key (a CCCD), PBKDF2-SHA-256 × ${WATCHLIST_HASH_ITERATIONS.toLocaleString('en')}, Chromium: median / p95 ms`, times.one, {
          text: 'median ≤ 10 ms',
          met: median(times.one) <= 10,
        }),
        row('three keys at once (a pass with an ID number and a phone): median / p95 ms', times.three),
      ],
    };
  } finally {
    await browser.close();
    await server.stop();
  }
}
