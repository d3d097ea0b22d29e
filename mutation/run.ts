/**
 * `npm run mutation [-- <module> …] [--incremental] [--static] [--table]`: Stryker over the modules in ./modules.ts (all
 * of them, or the ones named), one run per module against that module's tests, then the score per module.
 * `--table` only prints the table of the last runs' reports. Not part of `npm test`: on 2 shared cores it takes long.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import { MODULE_NAMES, MUTATION_MODULES, mutateGlobs, type MutationModule } from './modules';
import { formatScoreTable, formatSurvivors, scoreByModule, type ModuleScore, type MutantResult } from './score-table';

const REPORTS = 'mutation/reports';
const FLAGS = ['--incremental', '--static', '--table'];

function parseArgs(argv: string[]): { modules: MutationModule[]; incremental: boolean; withStatic: boolean; tableOnly: boolean } {
  const named = argv.filter((arg) => !FLAGS.includes(arg)).map((arg) => arg.replace(/\/+$/, ''));
  const unknown = named.filter((arg) => !(MODULE_NAMES as string[]).includes(arg));
  if (unknown.length > 0) {
    console.error(`Unknown module ${unknown.join(', ')}; one of: ${MODULE_NAMES.join(', ')}`);
    process.exit(2);
  }
  return {
    modules: named.length > 0 ? (named as MutationModule[]) : MODULE_NAMES,
    incremental: argv.includes('--incremental'),
    withStatic: argv.includes('--static'),
    tableOnly: argv.includes('--table'),
  };
}

/** The results of a module's last run, from its JSON report (for `--table`: the table without running anything). */
function lastResults(module: MutationModule): MutantResult[] {
  const file = path.join(REPORTS, `${module.replaceAll('/', '-')}.json`);
  if (!fs.existsSync(file)) return [];
  const report = JSON.parse(fs.readFileSync(file, 'utf8')) as { files: Record<string, { mutants: MutantResult[] }> };
  return Object.entries(report.files).flatMap(([fileName, { mutants }]) => mutants.map((m) => ({ ...m, fileName })));
}

const { modules, incremental, withStatic, tableOnly } = parseArgs(process.argv.slice(2));
// SQLite only: the PostgreSQL half doubles the time and mutates nothing more (#13).
delete process.env.DATABASE_URL;
fs.mkdirSync(REPORTS, { recursive: true });

const scores: ModuleScore[] = [];
for (const module of tableOnly ? [] : modules) {
  const label = module.replaceAll('/', '-');
  const results = await new Stryker({
    configFile: 'mutation/stryker.config.json',
    // One sandbox folder per module, so two runs (two terminals) never clean up each other's.
    tempDirName: `mutation/.stryker-tmp/${label}`,
    mutate: mutateGlobs(module),
    testFiles: [...MUTATION_MODULES[module]],
    htmlReporter: { fileName: `${REPORTS}/${label}.html` },
    jsonReporter: { fileName: `${REPORTS}/${label}.json` },
    incremental,
    incrementalFile: `${REPORTS}/${label}-incremental.json`,
    ...(withStatic ? { ignoreStatic: false } : {}),
  }).runMutationTest();
  scores.push(...scoreByModule(results, [module]));
  const survivors = formatSurvivors(results);
  fs.writeFileSync(path.join(REPORTS, `${label}-survivors.txt`), survivors ? `${survivors}\n` : '');
  console.log(`\n${formatScoreTable(scores.slice(-1))}\nSurvivors: ${REPORTS}/${label}-survivors.txt; report: ${REPORTS}/${label}.html\n`);
}

if (tableOnly) for (const module of modules) scores.push(...scoreByModule(lastResults(module), [module]));
const table = formatScoreTable(scores);
fs.writeFileSync(path.join(REPORTS, 'scores.md'), `${table}\n`);
console.log(`\nMutation score (${new Date().toISOString().slice(0, 10)}):\n\n${table}\n`);
