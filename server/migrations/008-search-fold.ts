import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { FOLD_TABLE } from '../../src/domain/fold-text';

/**
 * Issue #11: search without tones or case on both engines.
 * - `gatelog_fold(text)`: one SQL function for the small tables (roster entries, issued passes). SQLite gets it as
 *   a JavaScript function on each connection (server/db/connect.ts); PostgreSQL gets it here as translate() +
 *   lower() from the same table, IMMUTABLE. No extension needed.
 * - `checkin.name_folded`: the big table keeps the folded name, written on insert (repositories/checkins.ts), so a
 *   search is a native LIKE: calling a JavaScript function per row made a 200k-row SQLite scan 6–8× slower, and
 *   better-sqlite3 runs on the thread that serves the sync API. Backfilled here with the function.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
    await sql
      .raw(
        `create or replace function gatelog_fold(t text) returns text language sql immutable strict parallel safe
         as $$ select lower(translate(t, ${quote(FOLD_TABLE.from)}, ${quote(FOLD_TABLE.to)})) $$`,
      )
      .execute(db);
  }
  await db.schema.alterTable('checkin').addColumn('name_folded', 'text').execute();
  await sql`update checkin set name_folded = gatelog_fold(name) where name is not null`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin').dropColumn('name_folded').execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql.raw('drop function if exists gatelog_fold(text)').execute(db);
}
