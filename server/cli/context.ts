import { loadConfig, type AppConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import type { Db } from '../db/schema';
import { createRepositories, type Repositories } from '../repositories';
import { ensureReadSide } from '../repositories/read-side';

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
    // Progress goes to stderr: stdout is the command's answer (--json).
    await ensureReadSide(db, config.timeZone, (line) => process.stderr.write(`${line}\n`));
  } catch (err) {
    await db.destroy();
    throw err;
  }
  return { config, db, repos: createRepositories(db, { timeZone: config.timeZone }) };
}
