import { Migrator, PostgresAdapter, sql, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './schema';
import { MIGRATIONS } from '../migrations';

/** Kysely's bookkeeping table: one row per applied migration. */
const MIGRATION_TABLE = 'kysely_migration';

/** A database migrated by a newer Gatelog than this one: starting on it could corrupt it (issue #15). */
export class SchemaTooNewError extends Error {
  override name = 'SchemaTooNewError';
  constructor(readonly unknown: string[]) {
    super(
      `The database was migrated by a newer Gatelog (it has migration ${unknown.join(', ')}, which this version does not know). ` +
        'Refusing to start on it: upgrade Gatelog to that version or newer, or restore a backup made by this version.',
    );
  }
}

export interface SchemaStatus {
  /** Migrations recorded in the database, in order. */
  applied: string[];
  /** Migrations this version knows that the database does not have yet (applied at the next start). */
  pending: string[];
  /** Migrations in the database that this version does not know: the database is newer than the code. */
  unknown: string[];
}

/** The connection's own PostgreSQL schema, or undefined on SQLite. */
async function pgSchemaOf(db: Db): Promise<string | undefined> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return undefined;
  return (await sql<{ s: string }>`select current_schema() as s`.execute(db)).rows[0]?.s;
}

/** Compares the migrations recorded in the database with the ones this version ships; reads only. */
export async function readSchemaStatus(db: Db): Promise<SchemaStatus> {
  const schema = await pgSchemaOf(db);
  // A direct lookup, not db.introspection: that lists every schema's tables, slow beside many test schemas.
  const table = schema ? `${schema}.${MIGRATION_TABLE}` : MIGRATION_TABLE;
  const hasTable = schema
    ? (await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db)).rows[0]?.t != null
    : (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name = ${MIGRATION_TABLE}`.execute(db)).rows.length > 0;
  const applied = hasTable
    ? (await sql<{ name: string }>`select name from ${sql.table(table)} order by name`.execute(db)).rows.map((r) => r.name)
    : [];
  const known = Object.keys(MIGRATIONS).sort();
  return {
    applied,
    pending: known.filter((name) => !applied.includes(name)),
    unknown: applied.filter((name) => !(name in MIGRATIONS)),
  };
}

const provider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  },
};

/**
 * Applies every pending numbered migration; throws if one fails (the server must not start half-migrated),
 * and throws SchemaTooNewError, touching nothing, on a database a newer version has migrated.
 */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const status = await readSchemaStatus(db);
  if (status.unknown.length > 0) throw new SchemaTooNewError(status.unknown);
  // On PostgreSQL, keep Kysely's bookkeeping tables in the connection's own schema: otherwise its existence
  // check can see another schema's tables (e.g. parallel test schemas) and skip creating ours.
  const schema = await pgSchemaOf(db);
  const migrator = new Migrator({ db, provider, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
