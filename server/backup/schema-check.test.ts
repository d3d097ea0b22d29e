import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../db/migrate';
import { MIGRATIONS } from '../migrations';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { runCli, runCliJson } from '../test-support/run-cli';
import { backupSqlite, restoreSqlite } from './sqlite-backup';

const futureMigration = (t: TestDatabase) =>
  sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', ${new Date().toISOString()})`.execute(t.db);

describeEngines('gatelog schema check (%s)', (engine) => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('says a restored database is up to date, and refuses one a newer version migrated', { timeout: 60_000 }, async () => {
    t = await openTestDatabase(engine);
    await migrateToLatest(t.db);
    const ok = await runCliJson<{ pending: string[]; unknown: string[]; applied: string[] }>(t.env, ['schema', 'check']);
    expect(ok).toEqual({ applied: Object.keys(MIGRATIONS).sort(), pending: [], unknown: [] });
    await futureMigration(t);
    const refused = await runCli(t.env, ['schema', 'check']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/newer than this Gatelog \(migration 999-from-the-future\)/);
  });

  it.runIf(engine === 'postgres')('points backup and restore at pg_dump / pg_restore on PostgreSQL', { timeout: 60_000 }, async () => {
    t = await openTestDatabase(engine);
    const backup = await runCli(t.env, ['backup', '--to', path.join(t.config.dataDir, 'x.sqlite')]);
    expect(backup.code).toBe(1);
    expect(backup.stderr).toContain('pg_dump');
    const restore = await runCli(t.env, ['restore', '--from', path.join(t.config.dataDir, 'x.sqlite')]);
    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('pg_restore');
  });
});

describe('restoreSqlite refuses what this version cannot run', () => {
  let t: TestDatabase | undefined;
  afterEach(async () => {
    await t?.cleanup();
    t = undefined;
  });

  it('a backup made by a newer version, a file that is not a Gatelog database, a damaged file; the database stays', async () => {
    t = await openTestDatabase('sqlite');
    await migrateToLatest(t.db);
    const live = t.config.database.engine === 'sqlite' ? t.config.database.file : '';
    const dir = t.config.dataDir;
    const restoreInto = path.join(dir, 'other', 'gatelog.sqlite');
    fs.mkdirSync(path.dirname(restoreInto));
    fs.copyFileSync(live, restoreInto);

    await futureMigration(t);
    const newer = path.join(dir, 'newer.sqlite');
    await backupSqlite(live, newer);
    await expect(restoreSqlite(restoreInto, newer)).rejects.toThrow(/newer Gatelog.*999-from-the-future/);

    const notOurs = path.join(dir, 'not-ours.sqlite');
    new SQLite(notOurs).close();
    await expect(restoreSqlite(restoreInto, notOurs)).rejects.toThrow(/not a Gatelog database/);

    const damaged = path.join(dir, 'damaged.sqlite');
    fs.writeFileSync(damaged, Buffer.concat([fs.readFileSync(newer).subarray(0, 4096), Buffer.alloc(4096, 0xab)]));
    await expect(restoreSqlite(restoreInto, damaged)).rejects.toThrow();

    // Nothing was replaced by the refusals.
    expect(fs.readdirSync(path.dirname(restoreInto))).toEqual(['gatelog.sqlite']);
  });
});
