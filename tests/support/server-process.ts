import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, createServer } from 'node:net';

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

export interface ServerHandle {
  url: string;
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
  // SQLite in a fresh folder unless the test asks for another engine: CI's DATABASE_URL is for server tests.
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const env = { ...inherited, HOST: '127.0.0.1', PORT: String(port), GATELOG_DATA: dataDir, LOG_LEVEL: 'warn', ...opts.env };
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
