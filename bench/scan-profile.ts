/**
 * Where a scan burst's main-thread time goes (issue #14): plays the scan bench's video through the fake camera,
 * records a Chromium trace (timeline + V8 CPU samples) over the burst, and prints the main thread's long tasks
 * with what filled them. Not part of `npm run bench`; run after `npx vite build --minify false` for readable names:
 *
 *   npx tsx bench/scan-profile.ts [--cpu 4] [--queued 200000] [--codes 20] [--trace out.json]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeQrVideo } from '../tests/fixtures/qr-video';
import { launchWithFakeCamera } from '../tests/support/browser';
import { startServer } from './support/app-server';
import { cccdCodes, installedKiosk } from './scan';

interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  args?: Record<string, any>;
  id?: string;
}

const { values: opts } = parseArgs({
  options: {
    cpu: { type: 'string', default: '4' },
    queued: { type: 'string', default: '0' },
    codes: { type: 'string', default: '20' },
    width: { type: 'string', default: '1280' },
    height: { type: 'string', default: '720' },
    fps: { type: 'string', default: '30' },
    trace: { type: 'string' },
    from: { type: 'string' },
    top: { type: 'string', default: '25' },
  },
});

const CATEGORIES = [
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'disabled-by-default-devtools.timeline.frame',
  'v8.execute',
  'blink.user_timing',
  'disabled-by-default-v8.cpu_profiler',
  'v8',
  'toplevel',
].join(',');

async function record(): Promise<TraceEvent[]> {
  const dir = mkdtempSync(join(tmpdir(), 'gatelog-scan-profile-'));
  const width = Number(opts.width);
  const height = Number(opts.height);
  const fps = Number(opts.fps);
  const codes = cccdCodes(Number(opts.codes));
  const video = join(dir, 'scan.y4m');
  const starts = await writeQrVideo(video, { codes: codes.map((c) => c.code), width, height, fps, framesPerCode: Math.round(0.5 * fps), blankFrames: 0, tailFrames: 5 * fps, leadFrames: 4 * fps });
  const server = await startServer();
  const browser = await launchWithFakeCamera(video);
  try {
    const context = await installedKiosk(browser, server, Number(opts.queued));
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    if (Number(opts.cpu) !== 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: Number(opts.cpu) });
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => events.push(...(e.value as unknown as TraceEvent[])));
    const complete = new Promise<void>((resolve) => cdp.once('Tracing.tracingComplete', () => resolve()));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: CATEGORIES.split(',') }, transferMode: 'ReportEvents' } as never);
    await page.goto(server.url);
    await page.waitForTimeout((starts.at(-1)! + 0.5) * 1000 + 4000);
    await cdp.send('Tracing.end');
    await complete;
    const logged = await page.evaluate(() => performance.getEntriesByName('scan-to-logged').length);
    process.stderr.write(`profile: ${logged} of ${codes.length} codes logged, ${events.length} trace events\n`);
    return events;
  } finally {
    await browser.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The renderer's main thread: the CrRendererMain that ran the scan's user timings. */
function mainThread(events: TraceEvent[]): { pid: number; tid: number } {
  const mains = events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const busiest = mains
    .map((m) => ({ pid: m.pid, tid: m.tid, n: events.filter((e) => e.pid === m.pid && e.tid === m.tid && e.name === 'scan-to-logged').length }))
    .sort((a, b) => b.n - a.n)[0];
  if (!busiest) throw new Error('no renderer main thread in the trace');
  return busiest;
}

interface Frame {
  functionName: string;
  url: string;
  lineNumber: number;
}

/** V8's sampled profile of the main thread: sample times (µs, trace clock) with their stacks. */
function samples(events: TraceEvent[], pid: number, tid: number): { ts: number; stack: Frame[] }[] {
  const profiles = new Map<string, TraceEvent[]>();
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile' && e.tid === tid) profiles.set(e.id!, []);
  }
  for (const e of events) if (e.name === 'ProfileChunk' && profiles.has(e.id!) && e.pid === pid) profiles.get(e.id!)!.push(e);
  const out: { ts: number; stack: Frame[] }[] = [];
  for (const [id, chunks] of profiles) {
    const start = events.find((e) => e.name === 'Profile' && e.id === id)!.args!.data.startTime as number;
    const nodes = new Map<number, { frame: Frame; parent?: number }>();
    let ts = start;
    for (const c of chunks) {
      const d = c.args!.data;
      for (const n of d.cpuProfile?.nodes ?? []) nodes.set(n.id, { frame: n.callFrame, parent: n.parent });
      const s: number[] = d.cpuProfile?.samples ?? [];
      const deltas: number[] = d.timeDeltas ?? [];
      s.forEach((nodeId, i) => {
        ts += deltas[i] ?? 0;
        const stack: Frame[] = [];
        for (let n = nodes.get(nodeId); n; n = n.parent !== undefined ? nodes.get(n.parent) : undefined) stack.push(n.frame);
        out.push({ ts, stack });
      });
    }
  }
  return out.sort((a, b) => a.ts - b.ts);
}

const label = (f: Frame): string => `${f.functionName || '(anonymous)'} ${(f.url ?? '').split('/').pop()}:${f.lineNumber + 1}`;

function add(map: Map<string, number>, key: string, ms: number): void {
  map.set(key, (map.get(key) ?? 0) + ms);
}

function printTop(title: string, map: Map<string, number>, total: number, top: number): void {
  console.log(`\n${title}`);
  for (const [k, ms] of [...map].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`  ${ms.toFixed(1).padStart(8)} ms ${((ms / total) * 100).toFixed(1).padStart(5)} %  ${k}`);
}

function analyse(events: TraceEvent[]): void {
  const { pid, tid } = mainThread(events);
  const mine = events.filter((e) => e.pid === pid && e.tid === tid);
  const scans = mine.filter((e) => e.name === 'scan-to-logged' && (e.ph === 'b' || e.ph === 'e' || e.ph === 'X' || e.ph === 'R'));
  // The burst as bench/scan.ts counts it: from the first code (the video's lead-in of blank wall is start-up) to the last commit.
  const burst = { from: Math.min(...scans.map((e) => e.ts)) - 50_000, to: Math.max(...scans.map((e) => e.ts)) + 500_000 };
  const nested = mine.filter((e) => e.ph === 'X' && (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ts >= burst.from && e.ts <= burst.to).sort((a, b) => a.ts - b.ts);
  // Top-level tasks only: a RunTask inside another (nested run loops, two names for one task) is part of it.
  const tasks: TraceEvent[] = [];
  for (const t of nested) if (!tasks.length || t.ts >= tasks.at(-1)!.ts + tasks.at(-1)!.dur!) tasks.push(t);
  const long = tasks.filter((t) => t.dur! > 50_000);
  const wall = (burst.to - burst.from) / 1000;
  const busy = tasks.reduce((s, t) => s + t.dur!, 0) / 1000;
  console.log(`burst ${wall.toFixed(0)} ms: main thread busy ${busy.toFixed(0)} ms in ${tasks.length} tasks; ${long.length} tasks > 50 ms (longest ${(Math.max(0, ...long.map((t) => t.dur!)) / 1000).toFixed(0)} ms)`);
  const top = Number(opts.top);
  const inside = (ts: number, set: TraceEvent[]) => set.some((t) => ts >= t.ts && ts <= t.ts + t.dur!);
  // Timeline events (layout, style, paint, GC, script) inside long tasks and inside all tasks.
  for (const [title, set] of [['long tasks', long], ['all tasks of the burst', tasks]] as const) {
    const byEvent = new Map<string, number>();
    const total = set.reduce((s, t) => s + t.dur!, 0) / 1000;
    for (const e of mine) {
      if (e.ph !== 'X' || !e.dur || e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      if (!['Layout', 'UpdateLayoutTree', 'Paint', 'PrePaint', 'Layerize', 'MajorGC', 'MinorGC', 'V8.GC_SCAVENGER', 'FunctionCall', 'EvaluateScript', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'ParseHTML', 'v8.compile', 'V8.CompileCode', 'CompileScript', 'IntersectionObserverController::computeIntersections', 'HitTest', 'UpdateLayer', 'ScheduleStyleRecalculation', 'RunMicrotasks', 'v8.run', 'MajorGCEvent', 'BlinkGC.AtomicPhase'].includes(e.name)) continue;
      if (!inside(e.ts, set)) continue;
      add(byEvent, e.name, e.dur / 1000);
    }
    printTop(`timeline events in ${title} (${total.toFixed(0)} ms; nested events overlap)`, byEvent, total, top);
  }
  const all = samples(events, pid, tid);
  const interval = all.length > 1 ? (all.at(-1)!.ts - all[0]!.ts) / all.length / 1000 : 0;
  for (const [title, set] of [['long tasks', long], ['all tasks of the burst', tasks]] as const) {
    const self = new Map<string, number>();
    const totalBy = new Map<string, number>();
    let n = 0;
    for (const s of all) {
      if (!inside(s.ts, set)) continue;
      const leaf = s.stack[0];
      if (!leaf || leaf.functionName === '(idle)' || leaf.functionName === '(root)') continue;
      n++;
      add(self, label(leaf), interval);
      for (const k of new Set(s.stack.filter((f) => f.url).map(label))) add(totalBy, k, interval);
    }
    const total = n * interval;
    printTop(`JS self time in ${title} (${total.toFixed(0)} ms sampled)`, self, total, top);
    printTop(`JS total time (with callees) in ${title}`, totalBy, total, top);
  }
  console.log('\nlong tasks, in order: start (ms from burst start), ms, what');
  for (const t of long) {
    const parts = new Map<string, number>();
    for (const e of mine) {
      if (e.ph === 'X' && e.dur && e.ts >= t.ts && e.ts + e.dur <= t.ts + t.dur! && ['Layout', 'UpdateLayoutTree', 'Paint', 'MajorGC', 'MinorGC', 'FunctionCall', 'TimerFire', 'FireAnimationFrame', 'EventDispatch', 'RunMicrotasks', 'v8.compile'].includes(e.name)) add(parts, e.name, e.dur / 1000);
    }
    const js = new Map<string, number>();
    for (const s of all) if (s.ts >= t.ts && s.ts <= t.ts + t.dur!) { const f = s.stack.find((f) => f.url?.includes('/assets/')); if (f) add(js, label(f), interval); }
    const topJs = [...js].sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k, ms]) => `${k} ${ms.toFixed(0)}`).join('; ');
    console.log(`  ${((t.ts - burst.from) / 1000).toFixed(0).padStart(6)} ${(t.dur! / 1000).toFixed(0).padStart(4)}  ${[...parts].map(([k, v]) => `${k} ${v.toFixed(0)}`).join(', ')} | ${topJs}`);
  }
}

const events: TraceEvent[] = opts.from ? JSON.parse(readFileSync(opts.from, 'utf8')).traceEvents : await record();
if (opts.trace && !opts.from) writeFileSync(opts.trace, JSON.stringify({ traceEvents: events }));
analyse(events);
