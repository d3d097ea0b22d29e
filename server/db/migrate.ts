import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './schema';
import { MIGRATIONS } from '../migrations';

const provider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return MIGRATIONS;
  },
};

/** Applies every pending numbered migration; throws if one fails (the server must not start half-migrated). */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(`migration failed: ${String(error)}`);
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
