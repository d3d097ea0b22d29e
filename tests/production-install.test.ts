import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort, ROOT } from './support/server-process';
import { folderBytes } from './support/folder-bytes';

test('a production install (npm ci --omit=dev on a checkout with dist/) starts with npm run serve, without building', { timeout: 300_000 }, async (t) => {
  assert.ok(existsSync(join(ROOT, 'dist/index.html')), 'run npm run build first (npm run test:browser does)');
  const copy = mkdtempSync(join(tmpdir(), 'gatelog-prod-'));
  const dataDir = join(copy, 'data');
  t.after(() => rmSync(copy, { recursive: true, force: true }));

  // The checkout as git has it (tracked and new, not ignored files), plus the built app.
  const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
  for (const f of files) {
    if (!existsSync(join(ROOT, f))) continue;
    mkdirSync(dirname(join(copy, f)), { recursive: true });
    cpSync(join(ROOT, f), join(copy, f));
  }
  cpSync(join(ROOT, 'dist'), join(copy, 'dist'), { recursive: true });

  // Production dependencies only. --ignore-scripts skips compiling better-sqlite3 (a minute on 2 cores): its
  // addon is copied from this checkout's install, which npm built on this same machine and Node.
  execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: copy, stdio: 'pipe' });
  const addon = 'node_modules/better-sqlite3/build/Release/better_sqlite3.node';
  mkdirSync(dirname(join(copy, addon)), { recursive: true });
  cpSync(join(ROOT, addon), join(copy, addon));
  for (const dev of ['vite', 'vitest', 'typescript', 'playwright-core']) {
    assert.equal(existsSync(join(copy, 'node_modules', dev)), false, `${dev} is a dev dependency`);
  }
  const packages = execFileSync('npm', ['ls', '--omit=dev', '--all', '--parseable'], { cwd: copy, encoding: 'utf8' }).trim().split('\n').length - 1;
  t.diagnostic(`production install: ${packages} packages, ${(folderBytes(join(copy, 'node_modules')) / 2 ** 20).toFixed(0)} MB in node_modules`);

  const port = await freePort();
  const { DATABASE_URL: _ignored, ...inherited } = process.env;
  const server = spawn('npm', ['run', 'serve'], {
    cwd: copy,
    env: { ...inherited, HOST: '127.0.0.1', PORT: String(port), GATELOG_DATA: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  server.stdout!.on('data', (d) => (output += d));
  server.stderr!.on('data', (d) => (output += d));
  const exited = new Promise((r) => server.once('exit', r));
  try {
    const deadline = Date.now() + 60_000;
    while (!/listening on/.test(output)) {
      assert.equal(server.exitCode, null, `npm run serve exited:\n${output}`);
      assert.ok(Date.now() < deadline, `npm run serve did not start:\n${output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.doesNotMatch(output, /vite|building/i, 'serve must not build');
    const health = await fetch(`http://127.0.0.1:${port}/api/v1/health`);
    assert.equal(health.status, 200);
    const page = await fetch(`http://127.0.0.1:${port}/`);
    assert.equal(page.status, 200, 'the built kiosk app is served');
    assert.match(await page.text(), /<script type="module"/);
    assert.ok(existsSync(join(dataDir, 'gatelog.sqlite')));
  } finally {
    // npm runs the server as its child: end the whole group this test started.
    process.kill(-server.pid!, 'SIGTERM');
    await exited;
  }
});

test('the systemd unit in docs/deploy passes systemd-analyze verify', async (t) => {
  const analyze = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
  if (!analyze) return t.skip('systemd-analyze is not installed here');
  const unit = join(ROOT, 'docs/deploy/gatelog.service');
  // verify exits non-zero on errors (a missing binary) but only prints warnings (an unknown key): both fail here.
  const run = spawnSync(analyze, ['verify', unit], { encoding: 'utf8' });
  assert.equal(`${run.stdout}${run.stderr}`.trim(), '');
  assert.equal(run.status, 0);
});
