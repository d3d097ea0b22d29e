import type { Page } from 'playwright-core';
import { launchWithFakeCamera } from '../tests/support/browser';
import { builtAsset, startServer } from './support/app-server';
import { fmt, median, percentile, ratio, type BenchRow } from './support/stats';
import { decodeImage, startWorker } from '../tests/support/worker-driver';
import { loadSamples, matchesExpected } from '../tests/fixtures/qr-samples';
import { cccdCodes } from './scan';
import { decodeSynthetic, VARIANTS } from './support/synthetic';

const ROTATIONS = [0, 90, 180, 270];

export interface DecoderScore {
  decoder: string;
  decoded: number;
  attempts: number;
  medianMs: number;
  p95Ms: number;
  /** Synthetic 640×480 camera frames: CCCD codes with Vietnamese names, per degradation. */
  synthetic: Record<string, number>;
  syntheticAttempts: number;
  syntheticMedianMs: number;
  syntheticP95Ms: number;
}

const SYNTHETIC_CODES = 8;

/** Decode rate and per-frame time of each decoder on the real photos × 4 rotations, inside the app's worker. */
export async function benchDecode(): Promise<{ rows: BenchRow[]; scores: DecoderScore[] }> {
  const samples = loadSamples();
  if (samples.length === 0) return { rows: [{ part: 'decode', metric: 'real photos', value: 'skipped: ../shared/qr-samples missing' }], scores: [] };
  const server = await startServer();
  const browser = await launchWithFakeCamera();
  const scores: DecoderScore[] = [];
  let kiosk: KioskPathScore | undefined;
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
      const synthetic: Record<string, number> = {};
      const synthTimes: number[] = [];
      for (const variant of VARIANTS) {
        synthetic[variant] = 0;
        for (const c of cccdCodes(SYNTHETIC_CODES)) {
          const r = await decodeSynthetic(page, c.code, variant);
          synthTimes.push(r.decodeMs);
          if (r.texts.includes(c.code)) synthetic[variant]!++;
        }
      }
      scores.push({
        decoder, decoded, attempts: samples.length * ROTATIONS.length, medianMs: median(times), p95Ms: percentile(times, 95),
        synthetic, syntheticAttempts: VARIANTS.length * SYNTHETIC_CODES, syntheticMedianMs: median(synthTimes), syntheticP95Ms: percentile(synthTimes, 95),
      });
      if (decoder === 'zxing-wasm') kiosk = await kioskPath(page, samples);
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
      metric: `${s.decoder}: real photos, ms per image, median / p95`,
      value: `${fmt(s.medianMs)} / ${fmt(s.p95Ms)}`,
      baseline: base ? `${fmt(base.medianMs)} / ${fmt(base.p95Ms)} zxing-js` : undefined,
      ratio: base ? ratio(s.medianMs, base.medianMs) : undefined,
    });
    const synthDecoded = Object.values(s.synthetic).reduce((a, b) => a + b, 0);
    const failing = Object.entries(s.synthetic).filter(([, n]) => n < SYNTHETIC_CODES).map(([v, n]) => `${v} ${n}/${SYNTHETIC_CODES}`);
    rows.push({
      part: 'decode',
      metric: `${s.decoder}: synthetic CCCD frames decoded (${VARIANTS.length} degradations × ${SYNTHETIC_CODES})`,
      value: `${synthDecoded}/${s.syntheticAttempts}${failing.length ? ` (short: ${failing.join(', ')})` : ''}`,
      baseline: base ? `${Object.values(base.synthetic).reduce((a, b) => a + b, 0)}/${base.syntheticAttempts} zxing-js` : undefined,
    });
    rows.push({
      part: 'decode',
      metric: `${s.decoder}: 640×480 frame, ms per frame, median / p95`,
      value: `${fmt(s.syntheticMedianMs)} / ${fmt(s.syntheticP95Ms)}`,
      baseline: base ? `${fmt(base.syntheticMedianMs)} / ${fmt(base.syntheticP95Ms)} zxing-js` : undefined,
      ratio: base ? ratio(s.syntheticMedianMs, base.syntheticMedianMs) : undefined,
      target: s.decoder === 'zxing-js' ? undefined : '≤ 0.33× baseline',
      met: s.decoder === 'zxing-js' || !base ? undefined : s.syntheticMedianMs <= base.syntheticMedianMs / 3,
    });
  }
  const wasm = scores.find((s) => s.decoder === 'zxing-wasm');
  if (kiosk && wasm) {
    const wholeSynth = Object.values(wasm.synthetic).reduce((a, b) => a + b, 0);
    rows.push({
      part: 'decode',
      metric: `zxing-wasm as the kiosk reads a camera frame (I420 VideoFrame, its luma; centre first, then whole): real photos decoded (of them by the centre alone)`,
      value: `${kiosk.photos}/${wasm.attempts} (${kiosk.photosByRegion})`,
      baseline: `${kiosk.photosWholeLuma}/${wasm.attempts} same frames read whole`,
      target: 'no loss',
      met: kiosk.photos >= kiosk.photosWholeLuma,
    });
    rows.push({
      part: 'decode',
      metric: `zxing-wasm, the same camera frames read whole: their luma (the kiosk) vs the browser's RGB conversion (before #14) vs the photos' own RGB`,
      value: `${kiosk.photosWholeLuma} / ${kiosk.photosFrameRgb} / ${wasm.decoded} of ${wasm.attempts}`,
    });
    rows.push({
      part: 'decode',
      metric: `zxing-wasm as the kiosk reads a frame: synthetic CCCD frames decoded (of them by the centre alone)`,
      value: `${kiosk.synthetic}/${wasm.syntheticAttempts} (${kiosk.syntheticByRegion})`,
      baseline: `${wholeSynth}/${wasm.syntheticAttempts} whole frame`,
      target: 'no loss',
      met: kiosk.synthetic >= wholeSynth,
    });
    rows.push({
      part: 'decode',
      metric: `zxing-wasm as the kiosk reads a frame: 640×480 frame, pixels + decode ms, median / p95`,
      value: `${fmt(median(kiosk.syntheticMs))} / ${fmt(percentile(kiosk.syntheticMs, 95))}`,
      baseline: `${fmt(median(kiosk.wholeMs))} / ${fmt(percentile(kiosk.wholeMs, 95))} whole frame`,
      ratio: ratio(median(kiosk.syntheticMs), median(kiosk.wholeMs)),
    });
  }
  return { rows, scores };
}

interface KioskPathScore {
  photos: number;
  photosByRegion: number;
  /** The same camera frames read whole: by their luma, and through the browser's RGB conversion. */
  photosWholeLuma: number;
  photosFrameRgb: number;
  synthetic: number;
  syntheticByRegion: number;
  /** Pixels + decode per synthetic frame, the kiosk's way and the whole-frame way (same frames). */
  syntheticMs: number[];
  wholeMs: number[];
}

/** The same photos and synthetic frames read the kiosk's way (issue #14): the region must not cost a decode. */
async function kioskPath(page: Page, samples: ReturnType<typeof loadSamples>): Promise<KioskPathScore> {
  const score: KioskPathScore = { photos: 0, photosByRegion: 0, photosWholeLuma: 0, photosFrameRgb: 0, synthetic: 0, syntheticByRegion: 0, syntheticMs: [], wholeMs: [] };
  for (const s of samples) {
    for (const deg of ROTATIONS) {
      if (matchesExpected((await decodeImage(page, s.base64, s.mime, deg, 'wholeFrame')).texts, s.expected)) score.photosWholeLuma++;
      if (matchesExpected((await decodeImage(page, s.base64, s.mime, deg, 'frameAsRgb')).texts, s.expected)) score.photosFrameRgb++;
      const r = await decodeImage(page, s.base64, s.mime, deg, true);
      if (!matchesExpected(r.texts, s.expected)) continue;
      score.photos++;
      if (r.foundIn === 'region') score.photosByRegion++;
    }
  }
  for (const variant of VARIANTS) {
    for (const c of cccdCodes(SYNTHETIC_CODES)) {
      const r = await decodeSynthetic(page, c.code, variant, true);
      const whole = await decodeSynthetic(page, c.code, variant);
      score.syntheticMs.push(r.pixelsMs + r.decodeMs);
      score.wholeMs.push(whole.pixelsMs + whole.decodeMs);
      if (!r.texts.includes(c.code)) continue;
      score.synthetic++;
      if (r.foundIn === 'region') score.syntheticByRegion++;
    }
  }
  return score;
}
