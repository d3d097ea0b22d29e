import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { ROOT } from './support/app-server';
import { fmt, type BenchRow } from './support/stats';

const DIST = join(ROOT, 'dist');
const gz = (file: string) => gzipSync(readFileSync(join(DIST, file)), { level: 9 }).length;

/** What a kiosk downloads: the app shell (HTML, entry JS, CSS, service worker) and the decoder chunk. */
export function benchSize(): { rows: BenchRow[]; shell: number; decoder: number; baselineDecoder: number } {
  const assets = readdirSync(join(DIST, 'assets')).filter((f) => !f.endsWith('.map'));
  const pick = (prefix: string, ext: string) => assets.filter((f) => f.startsWith(prefix) && f.endsWith(ext)).map((f) => `assets/${f}`);
  // Everything index.html loads before the first paint: its entry script, the chunks it preloads, its CSS.
  const referenced = [...readFileSync(join(DIST, 'index.html'), 'utf8').matchAll(/(?:src|href)="\/(assets\/[^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
  const shellFiles = ['index.html', 'sw.js', 'manifest.webmanifest', ...new Set(referenced)];
  const decoderFiles = [...pick('decoder-worker-', '.js'), ...pick('zxing-wasm-decoder-', '.js'), ...pick('zxing_reader-', '.wasm')];
  const baselineFiles = [...pick('decoder-worker-', '.js'), ...pick('zxing-js-decoder-', '.js')];
  const sum = (files: string[]) => files.reduce((n, f) => n + gz(f), 0);
  const shell = sum(shellFiles);
  const decoder = sum(decoderFiles);
  const baselineDecoder = sum(baselineFiles);
  const kb = (n: number) => `${fmt(n / 1024)} KB`;
  return {
    shell,
    decoder,
    baselineDecoder,
    rows: [
      {
        part: 'size',
        metric: `app shell, gzip (HTML, ${shellFiles.length - 3} JS/CSS files it loads, manifest, service worker)`,
        value: kb(shell),
        target: '≤ 100 KB', // issue #11
        met: shell <= 100 * 1024,
      },
      { part: 'size', metric: 'app shell + default decoder chunk (worker + zxing-wasm + .wasm), gzip', value: kb(shell + decoder) },
      { part: 'size', metric: 'default decoder chunk, gzip', value: kb(decoder), baseline: `${kb(baselineDecoder)} @zxing/library chunk` },
    ],
  };
}
