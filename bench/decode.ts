import { launchWithFakeCamera } from '../tests/support/browser';
import { builtAsset, startServer } from './support/app-server';
import { fmt, median, percentile, ratio, type BenchRow } from './support/stats';
import { decodeImage, startWorker } from '../tests/support/worker-driver';
import { loadSamples, matchesExpected } from '../tests/fixtures/qr-samples';

const ROTATIONS = [0, 90, 180, 270];

export interface DecoderScore {
  decoder: string;
  decoded: number;
  attempts: number;
  medianMs: number;
  p95Ms: number;
}

/** Decode rate and per-frame time of each decoder on the real photos × 4 rotations, inside the app's worker. */
export async function benchDecode(): Promise<{ rows: BenchRow[]; scores: DecoderScore[] }> {
  const samples = loadSamples();
  if (samples.length === 0) return { rows: [{ part: 'decode', metric: 'real photos', value: 'skipped: ../shared/qr-samples missing' }], scores: [] };
  const server = await startServer();
  const browser = await launchWithFakeCamera();
  const scores: DecoderScore[] = [];
  try {
    const workerUrl = builtAsset('decoder-worker-');
    for (const decoder of ['zxing-js', 'zxing-wasm', 'native']) {
      const page = await browser.newPage();
      await page.goto(`${server.url}/manifest.webmanifest`);
      const started = await startWorker(page, workerUrl, decoder).catch(() => null);
      if (started !== decoder) {
        await page.close();
        continue; // e.g. no BarcodeDetector on Linux Chromium
      }
      const times: number[] = [];
      let decoded = 0;
      for (const s of samples) {
        for (const deg of ROTATIONS) {
          const r = await decodeImage(page, s.base64, s.mime, deg);
          times.push(r.decodeMs);
          if (matchesExpected(r.texts, s.expected)) decoded++;
        }
      }
      scores.push({ decoder, decoded, attempts: samples.length * ROTATIONS.length, medianMs: median(times), p95Ms: percentile(times, 95) });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.stop();
  }
  const base = scores.find((s) => s.decoder === 'zxing-js');
  const rows: BenchRow[] = [];
  for (const s of scores) {
    const rate = (100 * s.decoded) / s.attempts;
    rows.push({
      part: 'decode',
      metric: `${s.decoder}: real photos decoded (${samples.length} × 4 rotations)`,
      value: `${s.decoded}/${s.attempts} (${fmt(rate)} %)`,
      baseline: base ? `${fmt((100 * base.decoded) / base.attempts)} % zxing-js` : undefined,
    });
    rows.push({
      part: 'decode',
      metric: `${s.decoder}: ms per frame, median / p95`,
      value: `${fmt(s.medianMs)} / ${fmt(s.p95Ms)}`,
      baseline: base ? `${fmt(base.medianMs)} / ${fmt(base.p95Ms)} zxing-js` : undefined,
      ratio: base ? ratio(s.medianMs, base.medianMs) : undefined,
      target: s.decoder === 'zxing-js' ? undefined : '≤ 0.33× baseline',
      met: s.decoder === 'zxing-js' || !base ? undefined : s.medianMs <= base.medianMs / 3,
    });
  }
  return { rows, scores };
}
