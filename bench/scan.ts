import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeQrVideo } from '../tests/fixtures/qr-video';
import { cccdPayload } from '../tests/fixtures/visitors';
import { cameraContext, launchWithFakeCamera } from '../tests/support/browser';
import { readOutbox } from '../tests/support/outbox-reader';
import { startServer } from './support/app-server';
import { fmt, median, percentile, ratio, type BenchRow } from './support/stats';

const CODES = 50;
const FPS = 10;
const FRAMES_PER_CODE = 5; // a new code every 0.5 s

const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Huỳnh', 'Phan', 'Vũ', 'Võ', 'Đặng', 'Bùi', 'Đỗ', 'Hồ', 'Ngô', 'Dương'];
const GIVEN = ['Văn Hùng', 'Thị Ánh', 'Minh Đức', 'Thị Hồng Nhung', 'Quốc Bảo', 'Ngọc Trâm', 'Thành Long', 'Thuỳ Dương', 'Hữu Phước', 'Kim Oanh'];

/** Distinct, valid CCCD payloads with Vietnamese names. */
export function cccdCodes(n: number): { code: string; subject: string; name: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const female = i % 2 === 1;
    const year = 1950 + (i % 50);
    const province = ['001', '079', '031', '048', '092', '022', '038', '056', '094'][i % 9]!;
    const subject = `${province}${female ? 1 : 0}${String(year).slice(2)}${String(100000 + i).slice(-6)}`;
    const name = `${SURNAMES[i % SURNAMES.length]} ${GIVEN[i % GIVEN.length]}`;
    return { code: cccdPayload(subject, name, `0101${year}`, female ? 'Nữ' : 'Nam'), subject, name };
  });
}

export interface ScanScore {
  decoder: string;
  logged: number;
  missed: number;
  /** Decoded frame's capture → IndexedDB commit, ms. */
  frameToLogged: number[];
  /** Code's first appearance (from the video schedule) → commit, ms. */
  appearToLogged: number[];
  perMinute: number;
}

/** Scan-to-logged on the fake camera: 50 distinct codes, a new one every 0.5 s, per decoder. */
export async function benchScan(decoders = ['zxing-js', 'zxing-wasm']): Promise<{ rows: BenchRow[]; scores: ScanScore[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'gatelog-bench-scan-'));
  const codes = cccdCodes(CODES);
  const video = join(dir, 'scan.y4m');
  const starts = await writeQrVideo(video, { codes: codes.map((c) => c.code), fps: FPS, framesPerCode: FRAMES_PER_CODE, blankFrames: 0, tailFrames: 100 });
  const server = await startServer();
  const scores: ScanScore[] = [];
  try {
    for (const decoder of decoders) {
      const browser = await launchWithFakeCamera(video);
      const context = await cameraContext(browser, server.url);
      const page = await context.newPage();
      await page.goto(`${server.url}/?decoder=${decoder}`);
      await page.waitForTimeout(starts.at(-1)! * 1000 + 4000);
      const rows = (await readOutbox(page)).sort((a, b) => a.seq - b.seq);
      const measures = await page.evaluate(() => performance.getEntriesByName('scan-to-logged').map((e) => ({ start: e.startTime, end: e.startTime + e.duration })));
      const indexOf = new Map(codes.map((c, i) => [c.subject, i]));
      const matched = rows.map((r, k) => ({ i: indexOf.get(r.visitor.subject) ?? -1, m: measures[k]! })).filter((x) => x.i >= 0 && x.m);
      // Video time 0 in page time: the earliest decoded capture relative to its code's schedule (≤ 1 frame late).
      const t0 = Math.min(...matched.map((x) => x.m.start - starts[x.i]! * 1000));
      const logged = new Set(rows.map((r) => r.visitor.subject)).size;
      scores.push({
        decoder,
        logged,
        missed: CODES - logged,
        frameToLogged: matched.map((x) => x.m.end - x.m.start),
        appearToLogged: matched.map((x) => x.m.end - (t0 + starts[x.i]! * 1000)),
        perMinute: (logged / (starts.at(-1)! + FRAMES_PER_CODE / FPS)) * 60,
      });
      await browser.close();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const base = scores.find((s) => s.decoder === 'zxing-js');
  const rows: BenchRow[] = [];
  for (const s of scores) {
    const p95 = percentile(s.appearToLogged, 95);
    rows.push({
      part: 'scan',
      metric: `${s.decoder}: code in view → logged, median / p95 ms`,
      value: `${fmt(median(s.appearToLogged), 0)} / ${fmt(p95, 0)}`,
      baseline: base ? `${fmt(median(base.appearToLogged), 0)} / ${fmt(percentile(base.appearToLogged, 95), 0)} zxing-js` : undefined,
      ratio: base ? ratio(p95, percentile(base.appearToLogged, 95)) : undefined,
      target: 'p95 ≤ 150 ms',
      met: p95 <= 150,
    });
    rows.push({
      part: 'scan',
      metric: `${s.decoder}: decoded frame → logged, median / p95 ms`,
      value: `${fmt(median(s.frameToLogged), 0)} / ${fmt(percentile(s.frameToLogged, 95), 0)}`,
    });
    rows.push({
      part: 'scan',
      metric: `${s.decoder}: codes logged per minute (new code every 0.5 s), missed`,
      value: `${fmt(s.perMinute, 0)}/min, ${s.missed} of ${CODES} missed`,
      baseline: base ? `${fmt(base.perMinute, 0)}/min, ${base.missed} missed zxing-js` : undefined,
      target: '≥ 60/min, none missed',
      met: s.perMinute >= 60 && s.missed === 0,
    });
  }
  return { rows, scores };
}
