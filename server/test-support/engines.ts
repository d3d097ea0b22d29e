import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { AppConfig, DatabaseConfig } from '../config';
import { connectDatabase } from '../db/connect';
import type { Db } from '../db/schema';
import { randomBase32 } from '../lib/secrets';

export type Engine = 'sqlite' | 'postgres';

/** Whether the PostgreSQL half can run: DATABASE_URL names the test server (`.ci/run` sets it, and fails without it). */
export const hasPostgres = (): boolean => Boolean(process.env.DATABASE_URL);

/** SQLite always; PostgreSQL too when DATABASE_URL is set. Vitest suites use `describeEngines`, which says when it skips. */
export const ENGINES: Engine[] = hasPostgres() ? ['sqlite', 'postgres'] : ['sqlite'];

export interface TestDatabase {
  engine: Engine;
  db: Db;
  /** A config pointing at this database (for buildApp and the CLI's env). */
  config: AppConfig;
  /** Env vars that make the CLI open this same database. */
  env: Record<string, string>;
  /** Closes the handle and removes the file / drops the schema. */
  cleanup(): Promise<void>;
}

/** A fresh, isolated, not-yet-migrated database: a temp SQLite file, or a unique PostgreSQL schema. */
export async function openTestDatabase(engine: Engine, overrides: Partial<AppConfig> = {}): Promise<TestDatabase> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatelog-test-'));
  const base = {
    host: '127.0.0.1',
    port: 0,
    dataDir,
    tls: null,
    timeZone: 'Asia/Ho_Chi_Minh',
    logLevel: 'silent' as const,
    staticDir: path.join(dataDir, 'no-dist'),
    metricsToken: null,
    requestTimeoutMs: 30_000,
    ...overrides,
  };
  if (engine === 'sqlite') {
    const database: DatabaseConfig = { engine: 'sqlite', file: path.join(dataDir, 'gatelog.sqlite') };
    const db = connectDatabase(database);
    return {
      engine,
      db,
      config: { ...base, database },
      env: { GATELOG_DATA: dataDir, DATABASE_URL: '' },
      async cleanup() {
        await db.destroy();
        fs.rmSync(dataDir, { recursive: true, force: true });
      },
    };
  }
  const schema = await createTestSchema();
  const database: DatabaseConfig = { engine: 'postgres', url: schema.baseUrl };
  const db = connectDatabase(database, { pgSchema: schema.name });
  return {
    engine,
    db,
    config: { ...base, database },
    env: { GATELOG_DATA: dataDir, DATABASE_URL: schema.url },
    async cleanup() {
      await db.destroy();
      await schema.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface TestSchema {
  name: string;
  /** DATABASE_URL itself. */
  baseUrl: string;
  /** DATABASE_URL whose connections use this schema (`options=-c search_path=…`): for a server process or the CLI. */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty schema in DATABASE_URL's database, so parallel tests (and test servers) never share tables. */
export async function createTestSchema(): Promise<TestSchema> {
  const baseUrl = process.env.DATABASE_URL;
  if (!baseUrl) throw new Error('DATABASE_URL is not set');
  const name = `t_${randomBase32(12)}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${name}`);
  await admin.end();
  const url = new URL(baseUrl);
  url.searchParams.set('options', `-c search_path=${name}`);
  return {
    name,
    baseUrl,
    url: url.toString(),
    async drop() {
      const dropper = new pg.Client({ connectionString: baseUrl });
      await dropper.connect();
      await dropper.query(`DROP SCHEMA ${name} CASCADE`);
      await dropper.end();
    },
  };
}
