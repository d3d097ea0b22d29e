import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { writeQrVideo } from '../tests/fixtures/qr-video';
import { cccdPayload } from '../tests/fixtures/visitors';
import { cameraContext, launchWithFakeCamera } from '../tests/support/browser';
import { createSite, newEnrolUrl } from '../tests/support/cli';
import type { OutboxRow } from '../src/db/gatelog-db';
import { startServer, type ServerHandle } from './support/app-server';
import { deleteOutboxSince, SEED } from './support/seed-outbox';
import { fmt, median, percentile, ratio, type BenchRow } from './support/stats';

const CODES = 50;
const CODE_SECONDS = 0.5; // a new code every 0.5 s
/**
 * Blank wall before the first code: the kiosk opens (decoder, first sync, live counts) before the queue reaches it,
 * as at a gate in the morning. Its start-up's long tasks are reported apart from the burst's.
 */
const LEAD_SECONDS = 4;
/** Each case runs this often, interleaved, and its figures are pooled: one 25 s run swung p95 by ±30 % here. */
export const SCAN_ROUNDS = 2;

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

/** One scan run: the camera's video, the CPU (Chromium's throttling of the page) and the outbox's size. */
export interface ScanCase {
  decoder: string;
  width: number;
  height: number;
  fps: number;
  /** Emulation.setCPUThrottlingRate: 4 ≈ a low-end Android gate tablet. */
  cpu: number;
  queued: number;
  /** The queued records were all logged today (a busy gate's day so far), not a month ago (an island's backlog). */
  today?: boolean;
  /** Enrolled at a site of the bench's server: each scan is pushed there within a second, as at a gate online. */
  enrolled?: boolean;
}

/** What the bench played before issue #14, and what the kiosk really asks for, on a fast and a slow CPU, empty and full. */
export const SCAN_CASES: ScanCase[] = [
  { decoder: 'zxing-js', width: 640, height: 480, fps: 10, cpu: 1, queued: 0 },
  { decoder: 'zxing-wasm', width: 640, height: 480, fps: 10, cpu: 1, queued: 0 },
  { decoder: 'zxing-wasm', width: 1280, height: 720, fps: 30, cpu: 1, queued: 0 },
  { decoder: 'zxing-wasm', width: 1280, height: 720, fps: 30, cpu: 4, queued: 0 },
  { decoder: 'zxing-wasm', width: 1280, height: 720, fps: 30, cpu: 1, queued: 200_000 },
  { decoder: 'zxing-wasm', width: 1280, height: 720, fps: 30, cpu: 4, queued: 200_000 },
  // A busy port's afternoon: the header's day counters and the push run over 3,000 records of today.
  { decoder: 'zxing-wasm', width: 1280, height: 720, fps: 30, cpu: 4, queued: 3_000, today: true },
  // A gate online: each scan is pushed to the server within a second, by the page (the push engine runs there).
  { decoder: 'zxing-wasm', width: 1280, height: 720, fps: 30, cpu: 4, queued: 0, enrolled: true },
];

/** The stages the kiosk records on each `scan-to-logged` measure (src/scan/scan-stages.ts), then render. */
const STAGE_NAMES = ['grab', 'transfer', 'pixels', 'decode', 'parse', 'commit', 'render'] as const;
type ScanStages = Record<(typeof STAGE_NAMES)[number], number> & { foundIn?: 'region' | 'frame' };

export interface ScanScore {
  scanCase: ScanCase;
  /** Runs pooled into this score (SCAN_ROUNDS). */
  rounds: number;
  logged: number;
  missed: number;
  /** Decoded frame's capture → IndexedDB commit, ms. */
  frameToLogged: number[];
  /** Code's first appearance (from the video schedule) → commit, ms. */
  appearToLogged: number[];
  /** Per logged scan: stage durations (ms), with `render` = commit → banner painted. */
  stages: ScanStages[];
  /** Main-thread long tasks (PerformanceObserver 'longtask') from the first code to the last, ms. */
  longTasks: number[];
  /** Each long task, start-up's too, with the scripts of its animation frame (Long Animation Frames API): for investigation. */
  longTaskScripts: string[];
  /** Long tasks from the page's start to the first code (the kiosk starting), ms. */
  startUpLongTasks: number[];
  perMinute: number;
}


interface LongFrame {
  start: number;
  duration: number;
  scripts: { invoker: string; source: string; duration: number }[];
}

export const caseLabel = (c: ScanCase): string =>
  `${c.decoder} ${c.width}×${c.height}@${c.fps}fps, ${c.cpu}× CPU${c.queued ? `, ${c.queued.toLocaleString('en')} ${c.today ? 'logged today' : 'queued'}` : ''}${c.enrolled ? ', enrolled (pushing)' : ''}`;

// Registered before any page script, so no long task of the scan burst escapes the observer.
const OBSERVE_LONG_TASKS = `(() => {
  globalThis.__longTasks = [];
  try {
    new PerformanceObserver((list) => { for (const e of list.getEntries()) globalThis.__longTasks.push({ start: e.startTime, duration: e.duration }); })
      .observe({ type: 'longtask', buffered: true });
    // Long animation frames name the scripts that ran in them: what a long task was, for bench/scan-cases.ts.
    // Kept as they come and read after the run: mapping them here ran in the page's main thread, a task of its own
    // of up to 30 ms at 4× CPU in the middle of the burst it measures.
    globalThis.__longFrames = [];
    new PerformanceObserver((list) => void globalThis.__longFrames.push(...list.getEntries())).observe({ type: 'long-animation-frame', buffered: true });
  } catch {}
})()`;

/** Outbox rows logged at or after `since` (epoch ms), read on the deviceTime index in raw IndexedDB: not all 200k. */
function readOutboxSince(page: Page, since: number): Promise<OutboxRow[]> {
  return page.evaluate(
    (since) =>
      new Promise<OutboxRow[]>((resolve, reject) => {
        const open = indexedDB.open('gatelog');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const req = db.transaction('outbox').objectStore('outbox').index('deviceTime').getAll(IDBKeyRange.lowerBound(since));
          req.onsuccess = () => {
            db.close();
            resolve(req.result as OutboxRow[]);
          };
          req.onerror = () => reject(req.error);
        };
      }),
    since,
  );
}

/**
 * `n` records of today: at most 10 s apart, ending 10 minutes ago (out of the kiosk's restart window), and all
 * after local midnight whenever the bench runs (the browser and Node share the machine's zone).
 */
function todaysSpan(n: number, now = Date.now()): { ago: number; step: number } {
  const sinceMidnight = now - new Date(now).setHours(0, 0, 0, 0);
  const step = Math.max(1, Math.min(10_000, Math.floor((sinceMidnight - 600_000) / n)));
  return { ago: n * step + 600_000, step };
}

/**
 * A kiosk as a gate has it: opened once before (its service worker installed, as Add to Home Screen needs), with `n`
 * records already queued. Measured on its next opening, so the burst does not also carry the first-ever visit's
 * one-off work — the worker's install and the browser's installability check that follows it (it downloads the
 * manifest's icon on the main thread, a 70–120 ms task at 4× CPU), which the 200k cases never had in their bursts
 * because their seeding page had already installed the worker.
 */
export async function installedKiosk(browser: Browser, server: ServerHandle, n: number, today = false, enrolUrl?: string): Promise<BrowserContext> {
  const context = await cameraContext(browser, server.url);
  await context.addInitScript(OBSERVE_LONG_TASKS);
  const page = await context.newPage();
  const opened = Date.now();
  await page.goto(enrolUrl ?? server.url);
  await page.waitForFunction(() => performance.getEntriesByName('app-ready').length > 0, null, { timeout: 60_000 });
  if (enrolUrl) await page.waitForSelector('[data-enrolled=true]', { timeout: 30_000 });
  await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
  if (n) {
    const span = today ? todaysSpan(n) : undefined;
    await page.evaluate(`${SEED}(${n}${span ? `, ${span.ago}, ${span.step}` : ''})`);
  }
  // This first page is a kiosk, and its camera played the video: what it logged goes (the seeded rows are a month
  // old), or the measured page would take those visitors as logged just before its start and rightly skip them.
  await page.goto(`${server.url}/manifest.webmanifest`);
  await deleteOutboxSince(page, opened);
  await page.close(); // its camera closed: the next page's camera plays the video from its start
  return context;
}

async function runCase(c: ScanCase, context: BrowserContext, starts: number[], codes: ReturnType<typeof cccdCodes>, server: ServerHandle): Promise<ScanScore> {
  const page: Page = await context.newPage();
  try {
    if (c.cpu !== 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: c.cpu });
    }
    const since = Date.now();
    await page.goto(`${server.url}/?decoder=${c.decoder}`);
    const videoSeconds = starts.at(-1)! + CODE_SECONDS;
    await page.waitForTimeout(videoSeconds * 1000 + 4000);
    // This page's check-ins only: a shared context may hold an earlier case's, and 200k seeded ones.
    const rows = (await readOutboxSince(page, since)).sort((a, b) => a.seq - b.seq);
    const indexOf = new Map(codes.map((code, i) => [code.subject, i]));
    const mine = rows.filter((r) => indexOf.has(r.visitor.subject));
    const { measures, banners, longTasks, longFrames } = (await page.evaluate(() => ({
      measures: performance.getEntriesByName('scan-to-logged').map((e) => ({ start: e.startTime, end: e.startTime + e.duration, detail: (e as PerformanceMeasure).detail })),
      banners: performance.getEntriesByName('scan-to-banner').map((e) => ({ start: e.startTime, end: e.startTime + e.duration })),
      longTasks: (globalThis as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks,
      longFrames: (globalThis as unknown as { __longFrames: (PerformanceEntry & { scripts: { invoker: string; sourceURL: string; sourceFunctionName: string; sourceCharPosition: number; duration: number }[] })[] }).__longFrames.map(
        (e): LongFrame => ({ start: e.startTime, duration: e.duration, scripts: e.scripts.map((s) => ({ invoker: s.invoker, source: `${(s.sourceURL || '').split('/').pop()}:${s.sourceFunctionName}@${s.sourceCharPosition}`, duration: Math.round(s.duration) })) }),
      ),
    }))) as { measures: { start: number; end: number; detail: Omit<ScanStages, 'render'> }[]; banners: { start: number; end: number }[]; longTasks: { start: number; duration: number }[]; longFrames: LongFrame[] };
    // Measures and rows are in commit order (one check-in per measure).
    const matched = mine.map((r, k) => ({ i: indexOf.get(r.visitor.subject)!, m: measures[k]! })).filter((x) => x.m);
    // When each code came into view, in page time: the video's schedule, anchored on the earliest decoded capture
    // among the nearest codes (≤ 1 frame late). Anchored locally, not once for the whole video, because the fake
    // camera's clock drifts behind the file's frame rate on a loaded machine.
    const offset = (k: number) => Math.min(...matched.slice(Math.max(0, k - 3), k + 4).map((x) => x.m.start - starts[x.i]! * 1000));
    const appeared = matched.map((x, k) => offset(k) + starts[x.i]! * 1000);
    const t0 = Math.min(...appeared);
    const logged = new Set(mine.map((r) => r.visitor.subject)).size;
    // The case is about the push that follows each scan: it must have happened (4 s after the last code, all sent).
    if (c.enrolled && !mine.some((r) => r.syncState === 'synced')) throw new Error(`${caseLabel(c)}: the kiosk pushed none of its ${mine.length} check-ins`);
    const burstEnd = Math.max(...matched.map((x) => x.m.end));
    if (c.queued) await deleteOutboxSince(page, since);
    return {
      scanCase: c,
      rounds: 1,
      logged,
      missed: CODES - logged,
      frameToLogged: matched.map((x) => x.m.end - x.m.start),
      appearToLogged: matched.map((x, k) => x.m.end - appeared[k]!),
      stages: matched.map(({ m }) => {
        const banner = banners.find((b) => b.start === m.start);
        return { ...m.detail, render: banner ? banner.end - m.end : NaN };
      }),
      longTasks: longTasks.filter((t) => t.start >= t0 && t.start <= burstEnd).map((t) => t.duration),
      startUpLongTasks: longTasks.filter((t) => t.start < t0).map((t) => t.duration),
      longTaskScripts: longTasks
        .filter((t) => t.start <= burstEnd)
        .map((t) => {
          const frame = longFrames.find((f) => f.start <= t.start + 1 && t.start < f.start + f.duration);
          const scripts = frame?.scripts.filter((x) => x.duration > 5).map((x) => `${x.invoker} ${x.source} ${x.duration} ms`) ?? [];
          return `${Math.round(t.start - t0)} ms from the first code, ${Math.round(t.duration)} ms: ${scripts.join('; ') || 'no script named'}`;
        }),
      perMinute: (logged / (starts.at(-1)! - starts[0]! + CODE_SECONDS)) * 60,
    };
  } finally {
    await page.close();
  }
}

const medianOf = (xs: number[]): number => median(xs.filter(Number.isFinite));
const pair = (xs: number[]): string => `${fmt(median(xs), 0)} / ${fmt(percentile(xs, 95), 0)}`;
const sameVideo = (a: ScanCase, b: ScanCase): boolean => a.width === b.width && a.height === b.height && a.fps === b.fps;

/**
 * Scan-to-logged on the fake camera: 50 distinct codes, a new one every 0.5 s, per case of SCAN_CASES,
 * all in this run, so each figure stands beside its baseline (issue #14).
 */
export async function benchScan(cases = SCAN_CASES, rounds = SCAN_ROUNDS): Promise<{ rows: BenchRow[]; scores: ScanScore[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'gatelog-bench-scan-'));
  const codes = cccdCodes(CODES);
  const server = await startServer();
  let site: string | undefined;
  const scores: ScanScore[] = [];
  try {
    const byVideo = new Map<string, ScanCase[]>();
    for (const c of cases) byVideo.set(`${c.width}x${c.height}-${c.fps}`, [...(byVideo.get(`${c.width}x${c.height}-${c.fps}`) ?? []), c]);
    const done = new Map<ScanCase, ScanScore[]>();
    for (const [name, group] of byVideo) {
      const { width, height, fps } = group[0]!;
      const path = join(dir, `scan-${name}.y4m`);
      // The tail outlasts the wait after the last code, so the looping fake camera never shows the first code again.
      const starts = await writeQrVideo(path, { codes: codes.map((x) => x.code), width, height, fps, framesPerCode: Math.round(CODE_SECONDS * fps), blankFrames: 0, tailFrames: 5 * fps, leadFrames: LEAD_SECONDS * fps });
      const browser = await launchWithFakeCamera(path);
      try {
        const queuedContexts = new Map<string, BrowserContext>();
        // Rounds interleave the cases (a, b, a, b): a noisy minute on the shared machine spreads over all of them.
        for (let round = 0; round < rounds; round++) {
          for (const c of group) {
            process.stderr.write(`bench: scan ${caseLabel(c)}, round ${round + 1} of ${rounds}\n`);
            // An empty queue gets a fresh (installed) kiosk each time; 200k queued is seeded once per browser.
            const key = `${c.queued}${c.today ? 'today' : ''}`;
            const enrolUrl = c.enrolled ? await newEnrolUrl(server.env, site ??= await createSite(server.env, 'Cảng Cái Rồng'), server.url) : undefined;
            const context = c.queued ? (queuedContexts.get(key) ?? (await installedKiosk(browser, server, c.queued, c.today))) : await installedKiosk(browser, server, 0, false, enrolUrl);
            if (c.queued) queuedContexts.set(key, context);
            done.set(c, [...(done.get(c) ?? []), await runCase(c, context, starts, codes, server)]);
            if (!c.queued) await context.close();
          }
        }
      } finally {
        await browser.close();
      }
      rmSync(path, { force: true });
    }
    scores.push(...cases.map((c) => pooled(done.get(c)!)));
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows: scanRows(scores), scores };
}

/** One case's rounds as one score: every logged scan's figures together, the worst round's misses and pace. */
function pooled(runs: ScanScore[]): ScanScore {
  const all = (k: 'frameToLogged' | 'appearToLogged' | 'longTasks' | 'startUpLongTasks'): number[] => runs.flatMap((r) => r[k]);
  return {
    scanCase: runs[0]!.scanCase,
    rounds: runs.length,
    logged: Math.min(...runs.map((r) => r.logged)),
    missed: Math.max(...runs.map((r) => r.missed)),
    perMinute: Math.min(...runs.map((r) => r.perMinute)),
    frameToLogged: all('frameToLogged'),
    appearToLogged: all('appearToLogged'),
    stages: runs.flatMap((r) => r.stages),
    longTasks: all('longTasks'),
    startUpLongTasks: all('startUpLongTasks'),
    longTaskScripts: runs.flatMap((r) => r.longTaskScripts),
  };
}

/** Table rows: each case against what the bench played before (640×480, 10 fps, zxing-wasm, 1×), queues against empty. */
export function scanRows(scores: ScanScore[]): BenchRow[] {
  const rows: BenchRow[] = [];
  const base = scores.find((s) => s.scanCase.decoder === 'zxing-wasm' && s.scanCase.width === 640 && s.scanCase.cpu === 1 && !s.scanCase.queued);
  const baseLabel = base && `${pair(base.appearToLogged)} 640×480@10fps 1×`;
  for (const s of scores) {
    const c = s.scanCase;
    const label = caseLabel(c);
    const p95 = percentile(s.appearToLogged, 95);
    const realCamera = c.width === 1280 && !c.queued;
    const p95Target = c.cpu >= 4 ? 100 : 66;
    rows.push({
      part: 'scan',
      metric: `${label}: code in view → logged, median / p95 ms (${s.rounds} × ${CODES} codes)`,
      value: pair(s.appearToLogged),
      baseline: base && s !== base ? baseLabel : undefined,
      ratio: base && s !== base ? ratio(p95, percentile(base.appearToLogged, 95)) : undefined,
      ...(realCamera ? { target: `p95 ≤ ${p95Target} ms`, met: p95 <= p95Target } : {}),
    });
    // Queued and enrolled cases stand beside the same video and CPU with an empty queue, not enrolled.
    const plain = c.queued || c.enrolled ? scores.find((e) => !e.scanCase.queued && !e.scanCase.enrolled && e.scanCase.cpu === c.cpu && e.scanCase.decoder === c.decoder && sameVideo(e.scanCase, c)) : undefined;
    rows.push({
      part: 'scan',
      metric: `${label}: decoded frame → logged, median / p95 ms`,
      value: pair(s.frameToLogged),
      ...(plain
        ? {
            baseline: `${pair(plain.frameToLogged)} ${c.queued ? 'empty' : 'not enrolled'}`,
            ratio: ratio(median(s.frameToLogged), median(plain.frameToLogged)),
            ...(c.queued ? { target: 'median ≤ +10 %', met: median(s.frameToLogged) <= median(plain.frameToLogged) * 1.1 } : {}),
          }
        : {}),
    });
    rows.push({
      part: 'scan',
      metric: `${label}: codes logged per minute (new code every 0.5 s), missed (worst of ${s.rounds} bursts)`,
      value: `${fmt(s.perMinute, 0)}/min, ${s.missed} of ${CODES} missed`,
      baseline: base && s !== base ? `${fmt(base.perMinute, 0)}/min, ${base.missed} missed 640×480@10fps 1×` : undefined,
      target: '≥ 60/min, none missed',
      met: s.perMinute >= 60 && s.missed === 0,
    });
    if (c.decoder === 'zxing-js') continue;
    rows.push({
      part: 'scan',
      metric: `${label}: median ms per stage, ${STAGE_NAMES.join(' / ')} (codes read from the guide's region)`,
      value: `${STAGE_NAMES.map((n) => fmt(medianOf(s.stages.map((x) => x[n])), 1)).join(' / ')} (${s.stages.filter((x) => x.foundIn === 'region').length} of ${s.stages.length})`,
    });
    const longest = s.longTasks.length ? Math.max(...s.longTasks) : 0;
    rows.push({
      part: 'scan',
      metric: `${label}: main-thread long tasks during the burst, count (${s.rounds} bursts) / longest ms`,
      value: `${s.longTasks.length} / ${fmt(longest, 0)}`,
      // A long task is one over 50 ms, so none may be recorded at all.
      ...(c.cpu >= 4 ? { target: 'none > 50 ms', met: s.longTasks.length === 0 } : {}),
    });
    rows.push({
      part: 'scan',
      metric: `${label}: main-thread long tasks while the kiosk opened (before the first code), count (${s.rounds} starts) / longest ms`,
      value: `${s.startUpLongTasks.length} / ${fmt(s.startUpLongTasks.length ? Math.max(...s.startUpLongTasks) : 0, 0)}`,
    });
  }
  return rows;
}
