import { spawnSync } from 'node:child_process';
import { ROOT } from './server-process';

/**
 * The browser tests that must also pass with the server on PostgreSQL (issue #13): sync, trace and the console —
 * the paths where the two engines' SQL differs most. Only these, to keep CI's added time modest.
 */
export const POSTGRES_BROWSER_TESTS = ['tests/kiosk-sync.test.ts', 'tests/admin-console.test.ts', 'tests/console-pages.test.ts', 'tests/erasure.test.ts'];

// `npm run test:browser:postgres`: runs them again, each server on its own PostgreSQL schema (server-process.ts).
if (!process.env.DATABASE_URL) {
  console.warn('\n⚠ Browser tests on PostgreSQL SKIPPED: DATABASE_URL is not set (CI always sets it: .ci/run fails without PostgreSQL).\n');
} else {
  console.log(`\nThe same browser tests with the server on PostgreSQL: ${POSTGRES_BROWSER_TESTS.join(', ')}\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=1', ...POSTGRES_BROWSER_TESTS], {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, GATELOG_TEST_ENGINE: 'postgres' },
  });
  process.exitCode = run.status ?? 1;
}
