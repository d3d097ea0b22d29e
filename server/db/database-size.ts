import { PostgresAdapter, sql } from 'kysely';
import type { Db } from './schema';

/** Bytes the database takes: SQLite's pages (WAL not counted), or this schema's tables and indexes on PostgreSQL. */
export async function databaseBytes(db: Db): Promise<number> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) {
    const { rows } = await sql<{ bytes: string | number | null }>`
      select sum(pg_total_relation_size(c.oid)) as bytes
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = current_schema() and c.relkind = 'r'`.execute(db);
    return Number(rows[0]?.bytes ?? 0);
  }
  const { rows } = await sql<{ bytes: number }>`select page_count * page_size as bytes from pragma_page_count(), pragma_page_size()`.execute(db);
  return Number(rows[0]?.bytes ?? 0);
}
