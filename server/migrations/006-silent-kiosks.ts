import { sql, type Kysely } from 'kysely';

/** Issue #15: per site, after how many hours without a sync the console lists a kiosk as silent. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('site').addColumn('silent_after_hours', 'integer', (c) => c.notNull().defaultTo(sql`24`)).execute();
}
