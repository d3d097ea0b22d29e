import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import { buildApp } from '../app';
import { openTestDatabase, type Engine, type TestDatabase } from './engines';

/** A fresh, migrated database on `engine` and the app built on it (never listening). */
export async function startTestApp(engine: Engine, overrides: Partial<AppConfig> = {}): Promise<{ t: TestDatabase; app: FastifyInstance }> {
  const t = await openTestDatabase(engine, overrides);
  const app = await buildApp(t.config, { db: t.db, logger: false });
  await app.ready();
  return { t, app };
}

/** Closes the app and drops the schema / file, even when the app failed to build or close. */
export async function stopTestApp(app: FastifyInstance | undefined, t: TestDatabase | undefined): Promise<void> {
  try {
    await app?.close();
  } finally {
    await t?.cleanup();
  }
}
