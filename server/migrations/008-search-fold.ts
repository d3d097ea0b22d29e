import { PostgresAdapter, sql, type Kysely } from 'kysely';
import { FOLD_TABLE } from '../../src/domain/fold-text';

/**
 * Issue #11: search without tones or case on both engines through one SQL function, `gatelog_fold(text)`.
 * SQLite gets it as a JavaScript function on each connection (server/db/connect.ts); PostgreSQL gets it here as
 * translate() + lower(), from the same table, IMMUTABLE so it may back an index later. No extension needed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  const quote = (s: string) => `'${s.replace(/'/g, "''")}'`;
  await sql
    .raw(
      `create or replace function gatelog_fold(t text) returns text language sql immutable strict parallel safe
       as $$ select lower(translate(t, ${quote(FOLD_TABLE.from)}, ${quote(FOLD_TABLE.to)})) $$`,
    )
    .execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql.raw('drop function if exists gatelog_fold(text)').execute(db);
}
