/**
 * `npm run mutation [-- <module> …] [--incremental] [--static]`: Stryker over the modules in ./modules.ts (all of them, or
 * the ones named), then the score per module. Not part of `npm test`: it takes long on a small machine.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Stryker } from '@stryker-mutator/core';
import { MUTATION_MODULES, mutateGlobs, type MutationModule } from './modules';
import { formatScoreTable, formatSurvivors, scoreByModule } from './score-table';

const REPORTS = 'mutation/reports';

const FLAGS = ['--incremental', '--static'];

function parseArgs(argv: string[]): { modules: MutationModule[]; incremental: boolean; withStatic: boolean } {
  const incremental = argv.includes('--incremental');
  const withStatic = argv.includes('--static');
  const named = argv.filter((arg) => !FLAGS.includes(arg)).map((arg) => arg.replace(/\/+$/, ''));
  const unknown = named.filter((arg) => !(MUTATION_MODULES as readonly string[]).includes(arg));
  if (unknown.length > 0) {
    console.error(`Unknown module ${unknown.join(', ')}; one of: ${MUTATION_MODULES.join(', ')}`);
    process.exit(2);
  }
  return { modules: named.length > 0 ? (named as MutationModule[]) : [...MUTATION_MODULES], incremental, withStatic };
}

const { modules, incremental, withStatic } = parseArgs(process.argv.slice(2));
// SQLite only: the PostgreSQL half doubles the time and mutates nothing more (#13).
delete process.env.DATABASE_URL;

const label = modules.length === MUTATION_MODULES.length ? 'all' : modules.join('+').replaceAll('/', '-');
const stryker = new Stryker({
  configFile: 'mutation/stryker.config.json',
  mutate: modules.flatMap(mutateGlobs),
  htmlReporter: { fileName: `${REPORTS}/${label}.html` },
  jsonReporter: { fileName: `${REPORTS}/${label}.json` },
  incremental,
  ...(withStatic ? { ignoreStatic: false } : {}),
  incrementalFile: `${REPORTS}/${label}-incremental.json`,
});
const results = await stryker.runMutationTest();

const table = formatScoreTable(scoreByModule(results, modules));
const survivors = formatSurvivors(results);
fs.mkdirSync(REPORTS, { recursive: true });
fs.writeFileSync(path.join(REPORTS, `${label}-survivors.txt`), survivors ? `${survivors}\n` : '');
console.log(`\nMutation score (${new Date().toISOString().slice(0, 10)}):\n\n${table}\n`);
console.log(`Survivors: ${REPORTS}/${label}-survivors.txt; report: ${REPORTS}/${label}.html`);
