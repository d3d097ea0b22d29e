import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { backupSqlite } from '../server/backup/sqlite-backup';
import { seedKioskFleet } from '../server/test-support/push-load';
import { uuid7 } from '../src/domain/uuid7';
import { ROOT } from './support/app-server';
import { fmt, ratio, type BenchRow } from './support/stats';
import { folderBytes } from '../tests/support/folder-bytes';

const BACKUP_ROWS = 1_000_000;
const PUSHED_DURING_BACKUP = 200_000;

/** `npm ci --omit=dev` from this lockfile in a temp folder: packages and MB (baseline: the full dev install here). */
function productionInstallWeight(): BenchRow[] {
  const dir = mkdtempSync(join(tmpdir(), 'gatelog-bench-prod-'));
  try {
    for (const f of ['package.json', 'package-lock.json']) copyFileSync(join(ROOT, f), join(dir, f));
    // Scripts off: better-sqlite3's compile leaves ~40 MB of objects; the shipped addon is what a running install needs.
    execFileSync('npm', ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'], { cwd: dir, stdio: 'ignore' });
    const addon = join(ROOT, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node');
    const prodBytes = folderBytes(join(dir, 'node_modules')) + statSync(addon).size;
    const count = (cwd: string, extra: string[]) =>
      execFileSync('npm', ['ls', '--all', '--parseable', ...extra], { cwd, encoding: 'utf8' }).trim().split('\n').length - 1;
    const prodPackages = count(dir, ['--omit=dev']);
    const devPackages = count(ROOT, []);
    const devBytes = folderBytes(join(ROOT, 'node_modules'));
    return [
      { part: 'ops', metric: 'production install (npm ci --omit=dev): packages', value: String(prodPackages), baseline: `${devPackages} full install`, ratio: ratio(prodPackages, devPackages) },
      { part: 'ops', metric: 'production install: node_modules MB', value: fmt(prodBytes / 2 ** 20, 0), baseline: `${fmt(devBytes / 2 ** 20, 0)} MB full install`, ratio: ratio(prodBytes, devBytes) },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A database of `rows` check-ins (one site, one kiosk), written straight to SQLite. */
async function seedCheckins(dataDir: string, rows: number): Promise<string> {
  await seedKioskFleet(dataDir, 1);
  const file = join(dataDir, 'gatelog.sqlite');
  const db = new SQLite(file);
  const { id: deviceId, site_id: siteId } = db.prepare('select id, site_id from device').get() as { id: string; site_id: string };
  const insert = db.prepare(`insert into checkin (id, device_id, site_id, seq, direction, subject, kind, name, visitor, device_time, received_at, corrected_time)
    values (?, ?, ?, ?, ?, ?, 'cccd', ?, ?, ?, ?, ?)`);
  const start = Date.now() - 365 * 86_400_000;
  const many = db.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const t = start + i * 30_000;
      const subject = `0791900${String(10_000 + (i % 90_000))}`;
      const name = `Nguyễn Thị Ánh Tuyết ${i % 1000}`;
      insert.run(uuid7(t), deviceId, siteId, i, i % 2 ? 'out' : 'in', subject, name,
        JSON.stringify({ kind: 'cccd', subject, idNumber: subject, name, birthYear: 1990, gender: 'Nữ' }), t, t + 5000, t);
    }
  });
  for (let i = 0; i < rows; i += 50_000) many(i, Math.min(rows, i + 50_000));
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return file;
}

/** `gatelog backup` of a 1M check-in database, beside a plain file copy of it. */
export async function backupMillion(): Promise<BenchRow> {
  const dir = mkdtempSync(join(tmpdir(), 'gatelog-bench-ops-'));
  try {
    const file = await seedCheckins(dir, BACKUP_ROWS);
    const copyStart = performance.now();
    copyFileSync(file, join(dir, 'plain-copy.sqlite'));
    const copyMs = performance.now() - copyStart;
    const facts = await backupSqlite(file, join(dir, 'backup.sqlite'));
    return {
      part: 'ops',
      metric: `gatelog backup of ${BACKUP_ROWS.toLocaleString('en')} check-ins (VACUUM INTO + integrity check): seconds`,
      value: `${fmt(facts.ms / 1000)} (copy ${fmt(facts.copyMs / 1000)}, ${fmt(facts.bytes / 2 ** 20, 0)} MB)`,
      baseline: `${fmt(copyMs / 1000)} s plain file copy`,
      ratio: ratio(facts.ms, copyMs),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Production install weight, backing up 1M check-ins, and the backup-under-load test at its full 200k records. */
export async function benchOps(): Promise<{ rows: BenchRow[] }> {
  const rows: BenchRow[] = productionInstallWeight();
  rows.push(await backupMillion());

  const started = performance.now();
  let ok = true;
  try {
    execFileSync('npx', ['vitest', 'run', 'server/backup/backup.test.ts', '-t', 'consistent'], {
      cwd: ROOT,
      env: { ...process.env, GATELOG_BACKUP_TEST_RECORDS: String(PUSHED_DURING_BACKUP), DATABASE_URL: '' },
      stdio: 'ignore',
    });
  } catch {
    ok = false;
  }
  rows.push({
    part: 'ops',
    metric: `backup while 4 kiosks push ≥ ${PUSHED_DURING_BACKUP.toLocaleString('en')} records: consistent copy (server/backup/backup.test.ts)`,
    value: `${ok ? 'passed' : 'FAILED'} in ${fmt((performance.now() - started) / 1000, 0)} s`,
    target: 'passes',
    met: ok,
  });
  return { rows };
}
