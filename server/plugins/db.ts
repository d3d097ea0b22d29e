import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import { connectDatabase, connectReader } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import type { Db } from '../db/schema';
import { createRepositories, type Repositories } from '../repositories';
import { ensureReadSide } from '../repositories/read-side';
import { repairClosingTimes } from '../repositories/closing-repair';
import { globalPlugin } from './global-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    db: Db;
    repos: Repositories;
    /**
     * Re-pairs, in the background, the visits of sites whose closing time changed (issue #16); one run at a time.
     * The promise settles when this run is done (tests await it); failures are logged and retried at the next start.
     */
    repairClosingTimes(): Promise<void>;
  }
}

export interface DbPluginOptions {
  config: AppConfig;
  /** An already-open database (tests, the CLI); the app then leaves closing it to the caller. */
  db?: Db;
  /** PostgreSQL schema of a given `db` (tests), so the read pool opens the same one. */
  pgSchema?: string;
}

/** Opens the database (unless given one), applies migrations, and exposes `app.db` and `app.repos`. */
export const dbPlugin = globalPlugin(async (app: FastifyInstance, opts: DbPluginOptions) => {
  const db = opts.db ?? connectDatabase(opts.config.database);
  if (!opts.db) app.addHook('onClose', async () => db.destroy());
  await migrateToLatest(db);
  await ensureReadSide(db, opts.config.timeZone, (line) => app.log.info(line));
  // A given PostgreSQL handle may live in a schema the config does not name (tests): read through it then.
  const readDb =
    opts.db && opts.config.database.engine === 'postgres' && !opts.pgSchema
      ? db
      : connectReader(opts.config.database, db, opts.pgSchema ? { pgSchema: opts.pgSchema } : {});
  if (readDb !== db) app.addHook('onClose', async () => readDb.destroy());
  app.decorate('db', db);
  app.decorate('repos', createRepositories(db, { timeZone: opts.config.timeZone, readDb }));
  let repairs = Promise.resolve();
  app.decorate('repairClosingTimes', () => {
    repairs = repairs
      .then(() => repairClosingTimes(db, opts.config.timeZone, (line) => app.log.info(line)))
      .catch((err: { code?: string }) => app.log.error({ code: err.code ?? null }, 'closing-time re-pair failed; retried at the next start'));
    return repairs;
  });
  void app.repairClosingTimes();
  app.addHook('onClose', async () => repairs);
});
