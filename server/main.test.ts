import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { REPO_ROOT } from './config';
import { connectDatabase } from './db/connect';
import { migrateToLatest } from './db/migrate';
import { POSTGRES_SKIPPED } from './test-support/describe-engines';
import { createTestSchema, hasPostgres } from './test-support/engines';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Starts `server/main.ts` as a real process. */
function start(env: Record<string, string>) {
  const dataDir = env.GATELOG_DATA ?? fs.mkdtempSync(path.join(os.tmpdir(), 'gatelog-main-'));
  dirs.push(dataDir);
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, DATABASE_URL: '', HOST: '127.0.0.1', PORT: '0', GATELOG_DATA: dataDir, LOG_LEVEL: 'silent', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, dataDir, exited, out: () => stdout, err: () => stderr };
}

/** The URL the process prints once it listens (within 30 s). */
async function listeningUrl(server: ReturnType<typeof start>): Promise<string | undefined> {
  const deadline = Date.now() + 30_000;
  let url: string | undefined;
  while (!url && Date.now() < deadline) {
    url = /listening on (http:\/\/\S+)/.exec(server.out())?.[1];
    await new Promise((r) => setTimeout(r, 100));
  }
  return url;
}

describe('server/main.ts (real process)', () => {
  it('migrates, listens, prints its URL, serves, and shuts down on SIGTERM', { timeout: 60_000 }, async () => {
    const server = start({});
    const url = await listeningUrl(server);
    expect(url, server.err()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/api/v1/health`);
    expect(health.status).toBe(200);
    expect(fs.existsSync(path.join(server.dataDir, 'gatelog.sqlite'))).toBe(true);
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it.skipIf(!hasPostgres())(
    `migrates and serves on PostgreSQL (its own schema), and shuts down on SIGTERM${hasPostgres() ? '' : ` — ${POSTGRES_SKIPPED}`}`,
    { timeout: 60_000 },
    async () => {
      const schema = await createTestSchema();
      try {
        const server = start({ DATABASE_URL: schema.url });
        const url = await listeningUrl(server);
        expect(url, server.err()).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
        expect((await fetch(`${url}/api/v1/health`)).status).toBe(200);
        expect(fs.existsSync(path.join(server.dataDir, 'gatelog.sqlite'))).toBe(false);
        server.child.kill('SIGTERM');
        expect(await server.exited).toBe(0);
        // The migrations ran in that schema, on PostgreSQL.
        const db = connectDatabase({ engine: 'postgres', url: schema.baseUrl }, { pgSchema: schema.name });
        try {
          const { rows } = await sql<{ n: number }>`select count(*)::int as n from kysely_migration`.execute(db);
          expect(rows[0]!.n).toBeGreaterThan(5);
        } finally {
          await db.destroy();
        }
      } finally {
        await schema.drop();
      }
    },
  );

  it('refuses to start on a database a newer version migrated, saying so', { timeout: 60_000 }, async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatelog-main-'));
    dirs.push(dataDir);
    const db = connectDatabase({ engine: 'sqlite', file: path.join(dataDir, 'gatelog.sqlite') });
    await migrateToLatest(db);
    await sql`insert into kysely_migration (name, timestamp) values ('999-from-the-future', ${new Date().toISOString()})`.execute(db);
    await db.destroy();
    const server = start({ GATELOG_DATA: dataDir });
    expect(await server.exited).toBe(1);
    expect(server.err()).toContain('newer Gatelog');
    expect(server.err()).toContain('999-from-the-future');
    expect(server.out()).not.toContain('listening');
  });

  it('refuses an invalid configuration with a readable message', { timeout: 60_000 }, async () => {
    const server = start({ PORT: 'eighty' });
    expect(await server.exited).toBe(1);
    expect(server.err()).toContain('Invalid configuration');
    expect(server.err()).toContain('PORT');
  });
});
