/**
 * Runs chosen scan cases of bench/scan.ts and prints each logged scan's figures (issue #14 investigation):
 *   npx tsx bench/scan-cases.ts 1280x720@30:4 1280x720@30:4:200000 1280x720@30:4:3000t (3,000 logged today)
 *   npx tsx bench/scan-cases.ts 1280x720@30:4:e (enrolled: each scan pushed to the bench's server)
 * With `--against DIR` (another build's dist/), each case runs on that build and on this one in turn, `--rounds N`
 * times, so two builds are compared side by side on a shared machine.
 */
import { parseArgs } from 'node:util';
import { benchScan, caseLabel, type ScanCase, type ScanScore } from './scan';
import { median, percentile } from './support/stats';

const { values: opts, positionals } = parseArgs({ allowPositionals: true, options: { against: { type: 'string' }, rounds: { type: 'string', default: '1' }, quiet: { type: 'boolean' } } });
const cases: ScanCase[] = positionals.map((a) => {
  const [, w, h, fps, cpu, queued, today, enrolled] = /^(\d+)x(\d+)@(\d+):(\d+)(?::(\d+)(t)?)?(:e)?$/.exec(a)!;
  return { decoder: 'zxing-wasm', width: +w!, height: +h!, fps: +fps!, cpu: +cpu!, queued: +(queued ?? 0), ...(today ? { today: true } : {}), ...(enrolled ? { enrolled: true } : {}) };
});
const builds: [string, string | undefined][] = opts.against ? [['against', opts.against], ['this', undefined]] : [['this', undefined]];
const STAGES = ['grab', 'transfer', 'pixels', 'decode', 'parse', 'commit', 'render'] as const;

function print(build: string, s: ScanScore): void {
  const f = (xs: number[]) => `${median(xs).toFixed(0)} / ${percentile(xs, 95).toFixed(0)}`;
  const stages = STAGES.map((k) => median(s.stages.map((x) => x[k]).filter(Number.isFinite)).toFixed(1)).join(' / ');
  const longest = s.longTasks.length ? Math.max(...s.longTasks) : 0;
  console.log(`${build.padEnd(8)} ${caseLabel(s.scanCase)}: in view→logged ${f(s.appearToLogged)}, frame→logged ${f(s.frameToLogged)}, missed ${s.missed}, stages ${stages}, long tasks ${s.longTasks.length} / ${longest.toFixed(0)}, at start-up ${s.startUpLongTasks.map((t) => t.toFixed(0)).join(' ') || 'none'}`);
  if (opts.quiet) return;
  s.appearToLogged.forEach((a, i) => {
    const st = s.stages[i]!;
    const fr = s.frameToLogged[i]!;
    console.log(`${String(i).padStart(3)} ${a.toFixed(0).padStart(5)} ${fr.toFixed(0).padStart(5)} ${(a - fr).toFixed(0).padStart(5)}  ${STAGES.map((k) => st[k].toFixed(1)).join(' / ')} ${st.foundIn}`);
  });
  console.log(`long tasks: ${s.longTasks.map((t) => t.toFixed(0)).join(' ')}`);
  for (const line of s.longTaskScripts) console.log(`  ${line}`);
}

for (let round = 0; round < Number(opts.rounds); round++) {
  for (const c of cases) {
    for (const [build, dir] of builds) {
      if (dir) process.env.GATELOG_STATIC_DIR = dir;
      else delete process.env.GATELOG_STATIC_DIR;
      const { scores } = await benchScan([c], 1);
      print(build, scores[0]!);
    }
  }
}
