import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:net';
import { createTestSchema, type Engine, type TestSchema } from '../../server/test-support/engines';

export const ROOT = new URL('../..', import.meta.url).pathname;

/** Whether something accepts TCP connections on the loopback port (for servers not speaking plain HTTP). */
function isListening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.end();
      resolve(true);
    });
    socket.on('error', () => resolve(false));
  });
}

/** A free TCP port on loopback. */
export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

/**
 * The engine test servers run on: SQLite in their data folder, or PostgreSQL when the run asks for it —
 * `GATELOG_TEST_ENGINE=postgres`, set by `npm run test:browser:postgres` (tests/support/postgres-run.ts) for the
 * files that must also pass on PostgreSQL (issue #13).
 */
export const SERVER_ENGINE: Engine = process.env.GATELOG_TEST_ENGINE === 'postgres' ? 'postgres' : 'sqlite';

/** PostgreSQL schemas by data folder: a server restarted on the same folder finds the same database. */
const schemas = new Map<string, TestSchema>();
let dropping = false;
process.on('beforeExit', () => {
  // Once every test of the file is done (servers stopped), the schemas go; best effort.
  if (dropping || schemas.size === 0) return;
  dropping = true;
  void Promise.allSettled([...schemas.values()].map((schema) => schema.drop()));
});

/** DATABASE_URL for a server on `dataDir`: none (SQLite in that folder), or that folder's own PostgreSQL schema. */
async function databaseUrlFor(dataDir: string): Promise<string | undefined> {
  if (SERVER_ENGINE === 'sqlite') return undefined;
  let schema = schemas.get(dataDir);
  if (!schema) {
    schema = await createTestSchema();
    schemas.set(dataDir, schema);
  }
  return schema.url;
}

export interface ServerHandle {
  url: string;
  /** The database engine it runs on (its `env` points the CLI at the same database). */
  engine: Engine;
  port: number;
  dataDir: string;
  env: NodeJS.ProcessEnv;
  /** Whether the process is still running (not exited, not killed). */
  alive(): boolean;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Signals the process and waits for it to exit; resolves its exit code (null if a signal ended it). */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts the real server process (`server/main.ts`) on its own data folder, as `npm start` does after the build. */
export async function startServer(opts: { port?: number; dataDir?: string; env?: NodeJS.ProcessEnv; tls?: boolean; startTimeoutMs?: number } = {}): Promise<ServerHandle> {
  const port = opts.port ?? (await freePort());
  const dataDir = opts.dataDir ?? mkdtempSync(join(tmpdir(), 'gatelog-data-'));
  // SQLite in the data folder, or that folder's own PostgreSQL schema on a PostgreSQL run — never the shared
  // DATABASE_URL itself.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const databaseUrl = await databaseUrlFor(dataDir);
  const env = { ...inherited, ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}), HOST: '127.0.0.1', PORT: String(port), GATELOG_DATA: dataDir, LOG_LEVEL: 'warn', ...opts.env };
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/main.ts')], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d) => (output += d));
  child.stderr!.on('data', (d) => (output += d));
  const url = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.startTimeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}):\n${output}`);
    try {
      if (opts.tls ? await isListening(port) : (await fetch(`${url}/api/v1/health`)).ok) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    engine: SERVER_ENGINE,
    port,
    dataDir,
    env,
    alive: () => child.exitCode === null && child.signalCode === null,
    output: () => output,
    async stop(signal = 'SIGTERM') {
      if (child.exitCode !== null || child.signalCode) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
      child.kill(signal);
      return exited;
    },
  };
}
