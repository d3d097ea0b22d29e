import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { foldText } from '../../src/domain/fold-text';
import type { DatabaseConfig } from '../config';
import { SchemaScopedPostgresDialect } from './postgres-dialect';
import { openSqliteReader } from './sqlite-read-dialect';
import type { DB, Db } from './schema';

const PG_INT8_OID = 20;
// Epoch-ms columns are bigint; they fit a JS number for the next 285,000 years.
pg.types.setTypeParser(PG_INT8_OID, (value: string) => Number(value));

export interface ConnectOptions {
  /** PostgreSQL schema to use as search_path (tests isolate themselves with one schema each). */
  pgSchema?: string;
  /** PostgreSQL: a statement running longer is cancelled (ms). */
  statementTimeoutMs?: number;
  /** PostgreSQL pool size. */
  maxConnections?: number;
}

/** Long reads (reports, trace, live log) are cancelled after this on PostgreSQL instead of holding a connection. */
export const READ_STATEMENT_TIMEOUT_MS = 20_000;

/**
 * The handle long reads go through (issue #9): on SQLite a read-only connection in a worker thread (WAL lets
 * it read while the main connection writes); on PostgreSQL a small separate pool whose statements time out,
 * so reads can neither exhaust the writers' pool nor run forever. In-memory SQLite reads through `db`.
 */
export function connectReader(config: DatabaseConfig, db: Db, options: ConnectOptions = {}): Db {
  if (config.engine === 'postgres') {
    return connectDatabase(config, { ...options, statementTimeoutMs: READ_STATEMENT_TIMEOUT_MS, maxConnections: 4 });
  }
  return config.file === ':memory:' ? db : openSqliteReader(config.file);
}

const CACHED_STATEMENTS = 256;

/**
 * Kysely prepares every query anew; preparing a 1,000-row INSERT costs more than running it. The writers'
 * statements repeat (fixed-size insert chunks, the same read-side upserts), so keep the last few prepared.
 * Safe: Kysely's SQLite driver runs one statement at a time on its one connection.
 */
function withStatementCache(database: SQLite.Database): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => database.close(),
    prepare(sqlText: string) {
      let stmt = cache.get(sqlText);
      if (stmt) {
        cache.delete(sqlText); // re-insert: most recently used last
      } else {
        stmt = database.prepare(sqlText);
        if (cache.size >= CACHED_STATEMENTS) cache.delete(cache.keys().next().value!);
      }
      cache.set(sqlText, stmt);
      return stmt;
    },
  };
}

/** Opens the one query layer on SQLite (WAL) or PostgreSQL, depending on the config. */
export function connectDatabase(config: DatabaseConfig, options: ConnectOptions = {}): Db {
  if (config.engine === 'postgres') {
    const pool = new pg.Pool({
      connectionString: config.url,
      max: options.maxConnections ?? 10,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
      ...(options.pgSchema ? { options: `-c search_path=${options.pgSchema}` } : {}),
    });
    // An idle client losing its connection must not crash the process; the pool replaces it.
    pool.on('error', (err) => console.error(`PostgreSQL pool error: ${err.message}`));
    return new Kysely<DB>({ dialect: new SchemaScopedPostgresDialect({ pool }) });
  }
  if (config.file !== ':memory:') fs.mkdirSync(path.dirname(config.file), { recursive: true });
  const database = new SQLite(config.file);
  database.pragma('journal_mode = WAL');
  // FULL, not NORMAL: in WAL mode NORMAL may lose the last commits on power loss, and a kiosk deletes
  // nothing it has not seen acknowledged — an acknowledged batch must survive the server's power cut.
  database.pragma('synchronous = FULL');
  // The CLI and the server share the file; wait for the other writer instead of failing.
  database.pragma('busy_timeout = 5000');
  database.pragma('foreign_keys = ON');
  // Search without tones or case (issue #11); PostgreSQL gets the same function from migration 008.
  database.function('gatelog_fold', { deterministic: true }, (text: unknown) => (typeof text === 'string' ? foldText(text) : null));
  return new Kysely<DB>({ dialect: new SqliteDialect({ database: withStatementCache(database) }) });
}
