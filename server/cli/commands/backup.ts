import fs from 'node:fs';
import { backupSqlite, restoreSqlite } from '../../backup/sqlite-backup';
import type { AppConfig } from '../../config';
import { connectDatabase } from '../../db/connect';
import { readSchemaStatus } from '../../db/migrate';
import { runningServerPid } from '../../lib/pid-file';
import { CliError, required, type ConfigOnlyCommand } from '../command';

const PG_BACKUP = 'pg_dump --format=custom --file=gatelog.dump "$DATABASE_URL"';
const PG_RESTORE = 'pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" gatelog.dump';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The SQLite file of this config, or a CliError pointing PostgreSQL users at its own tools. */
function sqliteFile(config: AppConfig, tool: string): string {
  if (config.database.engine === 'postgres') {
    throw new CliError(`DATABASE_URL names PostgreSQL: use its own tools (see README, Deploy), e.g.\n  ${tool}\nthen run: gatelog schema check`);
  }
  return config.database.file;
}

/** `backup --to FILE`: a consistent copy of the SQLite database, safe while the server runs and kiosks push. */
export const backupCommand: ConfigOnlyCommand = {
  name: 'backup',
  usage: 'backup --to FILE',
  options: { to: { type: 'string' } },
  configOnly: true,
  async run(config, args) {
    const to = required(args, 'to');
    const facts = await backupSqlite(sqliteFile(config, PG_BACKUP), to);
    return {
      json: facts,
      human: `Backed up ${facts.checkins} check-ins (${mb(facts.bytes)}, schema ${facts.schema}) to ${facts.file} in ${(facts.ms / 1000).toFixed(1)} s; integrity check ok.`,
    };
  },
};

/** `restore --from FILE`: replaces the SQLite database with a backup; refuses while a server runs on it. */
export const restoreCommand: ConfigOnlyCommand = {
  name: 'restore',
  usage: 'restore --from FILE',
  options: { from: { type: 'string' } },
  configOnly: true,
  async run(config, args) {
    const from = required(args, 'from');
    const file = sqliteFile(config, PG_RESTORE);
    const pid = runningServerPid(config.dataDir);
    if (pid !== null) throw new CliError(`a Gatelog server (pid ${pid}) is running on ${config.dataDir}; stop it first (systemctl stop gatelog)`);
    let facts;
    try {
      facts = await restoreSqlite(file, from);
    } catch (err) {
      throw new CliError(err instanceof Error ? err.message : String(err));
    }
    const human = [
      `Restored ${facts.checkins} check-ins (schema ${facts.schema}) from ${from}.`,
      facts.previous ? `The database it replaced is kept as ${facts.previous}.` : '',
      facts.pending.length ? `The server will apply ${facts.pending.length} migration(s) when it starts: ${facts.pending.join(', ')}.` : '',
      facts.toReEnrol.length
        ? `${facts.toReEnrol.length} kiosk(s) enrolled after this backup are unknown to it: they say so and keep their records. Enrol each again at its site (device add --site …) and it delivers what it holds:`
        : 'Every kiosk of the replaced database is known to the backup.',
      ...facts.toReEnrol.map(
        (k) =>
          `  ${[k.deviceId, k.name].filter(Boolean).join(' ')} at ${k.siteName} (${k.siteId})${k.siteRestored ? '' : ': this site is not in the backup, create it again first'}`,
      ),
    ].filter(Boolean);
    return { json: facts, human: human.join('\n') };
  },
};

/** `schema check`: compares the database's migrations with this version's (run after a pg_restore). */
export const schemaCheckCommand: ConfigOnlyCommand = {
  name: 'schema check',
  usage: 'schema check',
  options: {},
  configOnly: true,
  async run(config) {
    if (config.database.engine === 'sqlite' && !fs.existsSync(config.database.file)) throw new CliError(`${config.database.file} does not exist`);
    const db = connectDatabase(config.database);
    try {
      const status = await readSchemaStatus(db);
      if (status.applied.length === 0) throw new CliError('this database holds no Gatelog schema (empty, or DATABASE_URL names the wrong one)');
      if (status.unknown.length > 0) {
        throw new CliError(`the database is newer than this Gatelog (migration ${status.unknown.join(', ')}); the server will refuse it: upgrade Gatelog`);
      }
      const human = status.pending.length
        ? `Schema ${status.applied.at(-1)}: older than this version; the server applies ${status.pending.join(', ')} when it starts.`
        : `Schema ${status.applied.at(-1)}: up to date.`;
      return { json: status, human };
    } finally {
      await db.destroy();
    }
  },
};
