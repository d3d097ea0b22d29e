import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import { connectDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import type { Db } from '../db/schema';
import { createRepositories, type Repositories } from '../repositories';
import { globalPlugin } from './global-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repos: Repositories;
  }
}

export interface DbPluginOptions {
  config: AppConfig;
  /** An already-open database (tests, the CLI); the app then leaves closing it to the caller. */
  db?: Db;
}

/** Opens the database (unless given one), applies migrations, and exposes `app.db` and `app.repos`. */
export const dbPlugin = globalPlugin(async (app: FastifyInstance, opts: DbPluginOptions) => {
  const db = opts.db ?? connectDatabase(opts.config.database);
  if (!opts.db) app.addHook('onClose', async () => db.destroy());
  await migrateToLatest(db);
  app.decorate('db', db);
  app.decorate('repos', createRepositories(db));
});
