/**
 * Runs chosen scan cases of bench/scan.ts and prints each logged scan's figures (issue #14 investigation):
 *   npx tsx bench/scan-cases.ts 1280x720@30:4 1280x720@30:4:200000
 */
import { benchScan, caseLabel, type ScanCase } from './scan';

const cases: ScanCase[] = process.argv.slice(2).map((a) => {
  const [, w, h, fps, cpu, queued] = /^(\d+)x(\d+)@(\d+):(\d+)(?::(\d+))?$/.exec(a)!;
  return { decoder: 'zxing-wasm', width: +w!, height: +h!, fps: +fps!, cpu: +cpu!, queued: +(queued ?? 0) };
});
const { rows, scores } = await benchScan(cases);
for (const s of scores) {
  console.log(`\n${caseLabel(s.scanCase)}: appear→logged / frame→logged / capture lag, stages`);
  s.appearToLogged.forEach((a, i) => {
    const st = s.stages[i]!;
    const f = s.frameToLogged[i]!;
    console.log(`${String(i).padStart(3)} ${a.toFixed(0).padStart(5)} ${f.toFixed(0).padStart(5)} ${(a - f).toFixed(0).padStart(5)}  ${['grab', 'transfer', 'pixels', 'decode', 'parse', 'commit', 'render'].map((k) => (st as any)[k].toFixed(1)).join(' / ')} ${st.foundIn}`);
  });
  console.log(`long tasks: ${s.longTasks.map((t) => t.toFixed(0)).join(' ')}`);
}
for (const r of rows) console.log(`| ${r.metric} | ${r.value} | ${r.baseline ?? ''} | ${r.target ?? ''} | ${r.met ?? ''} |`);
