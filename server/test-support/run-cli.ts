import { spawn } from 'node:child_process';
import path from 'node:path';
import { REPO_ROOT } from '../config';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real CLI process (as `npm run gatelog` does, minus npm's banner) on the given database env. */
export function runCli(env: Record<string, string>, args: string[], stdin = ''): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(REPO_ROOT, 'server/cli/main.ts'), ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env, LOG_LEVEL: 'silent' },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

/** Runs a CLI command with --json and parses its one JSON document; a non-zero exit rejects. */
export async function runCliJson<T>(env: Record<string, string>, args: string[]): Promise<T> {
  const run = await runCli(env, [...args, '--json']);
  if (run.code !== 0) throw new Error(`exit ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
