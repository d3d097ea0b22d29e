import { hasPostgres } from './engines';

const NOTICE =
  'PostgreSQL half SKIPPED: DATABASE_URL is not set, so the PostgreSQL suites were skipped (listed as skipped, named so). ' +
  'Run with DATABASE_URL=postgres://postgres@127.0.0.1:5432/test (CI always does: .ci/run fails without PostgreSQL).';

/** Vitest global setup: says, before and after the run, when the PostgreSQL half is skipped (issue #13). */
export default function postgresNotice(): (() => void) | undefined {
  if (hasPostgres()) return undefined;
  console.warn(`\n⚠ ${NOTICE}\n`);
  return () => console.warn(`\n⚠ ${NOTICE}\n`);
}
