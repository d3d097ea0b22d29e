import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { readSchemaStatus, type SchemaStatus } from '../db/migrate';
import type { DB } from '../db/schema';

export interface BackupFacts {
  file: string;
  bytes: number;
  checkins: number;
  /** The newest migration the copy holds. */
  schema: string | null;
  /** Whole run, and the part spent on VACUUM INTO (the rest is the integrity check of the copy). */
  ms: number;
  copyMs: number;
}

/** Flushes a file to disk: a backup is only worth something once it survives a power cut. */
function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Opens a SQLite file read-only, or throws a readable error. */
function openReadOnly(file: string): SQLite.Database {
  if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
  return new SQLite(file, { readonly: true, fileMustExist: true });
}

/** The schema status of an open SQLite handle, through the same check the server runs at start. */
async function schemaOf(handle: SQLite.Database): Promise<SchemaStatus> {
  // A Kysely over the caller's handle; not destroyed here, as that would close the handle.
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: handle }) });
  return readSchemaStatus(db);
}

/**
 * Copies the live database to `to` with `VACUUM INTO`: one read transaction, so the copy is exactly the
 * database as of one commit — every batch acknowledged before it began, none half-written — while kiosks keep
 * pushing (WAL readers do not block writers). The copy is then checked with `PRAGMA integrity_check`.
 */
export async function backupSqlite(source: string, to: string, now = Date.now): Promise<BackupFacts> {
  const started = now();
  const target = path.resolve(to);
  if (fs.existsSync(target)) throw new Error(`${target} already exists; choose a new file name`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const live = openReadOnly(source);
  try {
    // The server may be mid-commit: wait for it rather than fail.
    live.pragma('busy_timeout = 10000');
    live.prepare('VACUUM INTO ?').run(target);
  } finally {
    live.close();
  }
  fsyncFile(target);
  const copyMs = now() - started;
  const copy = openReadOnly(target);
  try {
    const check = copy.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`the copy failed PRAGMA integrity_check: ${String(check)}`);
    const { applied } = await schemaOf(copy);
    const { n } = copy.prepare('select count(*) as n from checkin').get() as { n: number };
    return { file: target, bytes: fs.statSync(target).size, checkins: n, schema: applied.at(-1) ?? null, ms: now() - started, copyMs };
  } finally {
    copy.close();
  }
}

export interface RestoreFacts {
  file: string;
  /** Where the database it replaced was moved, or null if there was none. */
  previous: string | null;
  checkins: number;
  schema: string | null;
  /** Migrations the server will apply at its next start. */
  pending: string[];
  /** Kiosks the replaced database had enrolled that the backup does not know: each must be enrolled again. */
  toReEnrol: KioskToReEnrol[];
}

export interface KioskToReEnrol {
  deviceId: string;
  name: string | null;
  siteId: string;
  /** The site's name in the replaced database (the restored one may not have the site at all). */
  siteName: string;
  /** Whether the restored database has the site, so the kiosk can be enrolled again there. */
  siteRestored: boolean;
}

type LiveKiosk = Omit<KioskToReEnrol, 'siteRestored'>;

/** Enrolled, unrevoked kiosks of a database, with their sites' names. */
function liveKiosks(db: SQLite.Database): LiveKiosk[] {
  return db
    .prepare(`select device.id as deviceId, device.name as name, device.site_id as siteId, site.name as siteName
      from device join site on site.id = device.site_id
      where device.enrolled_at is not null and device.revoked_at is null order by site.name, device.id`)
    .all() as LiveKiosk[];
}

const idsOf = (db: SQLite.Database, table: 'device' | 'site') =>
  new Set((db.prepare(`select id from ${table}`).all() as Array<{ id: string }>).map((r) => r.id));

/**
 * Replaces the database file with a backup, after checking the backup (integrity, a Gatelog schema not newer than
 * this version). The database it replaces is kept beside it as `<file>.before-restore-<time>`. The caller has made
 * sure no server runs on it.
 */
export async function restoreSqlite(target: string, from: string, now = Date.now()): Promise<RestoreFacts> {
  const source = path.resolve(from);
  const backup = openReadOnly(source);
  let status: SchemaStatus;
  let checkins: number;
  let known: { devices: Set<string>; sites: Set<string> };
  try {
    const check = backup.pragma('integrity_check', { simple: true });
    if (check !== 'ok') throw new Error(`${source} failed PRAGMA integrity_check: ${String(check)}`);
    status = await schemaOf(backup);
    if (status.applied.length === 0) throw new Error(`${source} is not a Gatelog database`);
    if (status.unknown.length > 0) {
      throw new Error(`${source} was made by a newer Gatelog (migration ${status.unknown.join(', ')}); upgrade Gatelog first`);
    }
    ({ n: checkins } = backup.prepare('select count(*) as n from checkin').get() as { n: number });
    known = { devices: idsOf(backup, 'device'), sites: idsOf(backup, 'site') };
  } finally {
    backup.close();
  }

  fs.mkdirSync(path.dirname(target), { recursive: true });
  let previous: string | null = null;
  let toReEnrol: KioskToReEnrol[] = [];
  if (fs.existsSync(target)) {
    // Closing the old database folds its WAL back into the file, so the file alone is all of it.
    const old = new SQLite(target);
    try {
      toReEnrol = liveKiosks(old)
        .filter((k) => !known.devices.has(k.deviceId))
        .map((k) => ({ ...k, siteRestored: known.sites.has(k.siteId) }));
    } catch {
      // A damaged or foreign file in the way: replace it all the same (it is kept), just without the list.
    } finally {
      old.close();
    }
    previous = `${target}.before-restore-${new Date(now).toISOString().replace(/[:.]/g, '-')}`;
    fs.renameSync(target, previous);
  }
  for (const side of ['-wal', '-shm']) fs.rmSync(`${target}${side}`, { force: true });
  const partial = `${target}.restoring`;
  fs.copyFileSync(source, partial);
  fsyncFile(partial);
  fs.renameSync(partial, target);
  return { file: target, previous, checkins, schema: status.applied.at(-1) ?? null, pending: status.pending, toReEnrol };
}
