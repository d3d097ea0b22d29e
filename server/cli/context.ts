import { loadConfig, type AppConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import type { Db } from '../db/schema';
import { createRepositories, type Repositories } from '../repositories';

export interface CliContext {
  config: AppConfig;
  db: Db;
  repos: Repositories;
}

/** Opens the same database as the server (same env), migrated. */
export async function openCliContext(env: NodeJS.ProcessEnv = process.env): Promise<CliContext> {
  const config = loadConfig(env);
  const db = connectDatabase(config.database);
  try {
    await migrateToLatest(db);
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { config, db, repos: createRepositories(db) };
}
