import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { ROOT } from './support/app-server';
import type { BenchRow } from './support/stats';
import { benchDecode } from './decode';
import { benchFirstLoad } from './first-load';
import { benchScan } from './scan';
import { benchSize } from './size';
import { benchSync } from './sync';
import { benchServer } from './server';
import { benchStartup } from './startup';
import { benchOps } from './ops';
import { benchWatchlist } from './watchlist';

/** Each part by name; `npm run bench -- decode scan` runs some, no name runs all. */
const PARTS: Record<string, () => Promise<{ rows: BenchRow[] }> | { rows: BenchRow[] }> = {
  size: benchSize,
  decode: benchDecode,
  scan: () => benchScan(),
  sync: benchSync,
  server: benchServer,
  startup: benchStartup,
  ops: benchOps,
  firstload: benchFirstLoad,
  watchlist: benchWatchlist,
};

function printTable(rows: BenchRow[]): void {
  const head = ['part', 'metric', 'value', 'baseline (same run)', 'ratio', 'target', 'met'];
  const cells = rows.map((r) => [r.part, r.metric, r.value, r.baseline ?? '', r.ratio ?? '', r.target ?? '', r.met === undefined ? '' : r.met ? 'yes' : 'no']);
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => '---').join('|')}|`);
  for (const c of cells) console.log(`| ${c.join(' | ')} |`);
}

async function main(): Promise<void> {
  const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
  const unknown = wanted.filter((w) => !(w in PARTS));
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')}; parts: ${Object.keys(PARTS).join(', ')}`);
  if (!process.argv.includes('--no-build')) execSync('npx vite build', { cwd: ROOT, stdio: 'ignore' });
  const rows: BenchRow[] = [];
  for (const name of wanted.length ? wanted : Object.keys(PARTS)) {
    const started = Date.now();
    process.stderr.write(`bench: ${name}…\n`);
    rows.push(...(await PARTS[name]!()).rows);
    process.stderr.write(`bench: ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  }
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  printTable(rows);
  console.log(`\nmachine: ${machine}`);
  writeFileSync(join(ROOT, 'bench/results.json'), JSON.stringify({ at: new Date().toISOString(), machine, rows }, null, 2) + '\n');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
