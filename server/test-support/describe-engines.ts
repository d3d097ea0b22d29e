import { describe } from 'vitest';
import { hasPostgres, type Engine } from './engines';

/** Why the PostgreSQL half of a suite did not run, in the suite's own name (vitest lists it as skipped). */
export const POSTGRES_SKIPPED = 'skipped: DATABASE_URL is not set (PostgreSQL half not run)';

/**
 * `describe.each(engines)` that never loses the PostgreSQL half silently (issue #13): without DATABASE_URL the
 * PostgreSQL suite is still registered, as skipped and named so, and its tests count as skipped in the summary.
 */
export function describeEngines(name: string, body: (engine: Engine) => void): void {
  for (const engine of ['sqlite', 'postgres'] as const) {
    const title = name.replace('%s', engine);
    if (engine === 'postgres' && !hasPostgres()) describe.skip(`${title} — ${POSTGRES_SKIPPED}`, () => body(engine));
    else describe(title, () => body(engine));
  }
}
