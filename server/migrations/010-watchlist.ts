import type { Kysely } from 'kysely';

/**
 * Issue #16: an organisation's watchlist (people to refuse or to alert on at its gates, and at its units'), and
 * on each check-in what a watchlist match made of it: `outcome` (null, 'refused' or 'alert') and the entry.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('watchlist_entry')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    // PBKDF2 under the org's watchlist salt (src/domain/watchlist-hash.ts): what kiosks receive instead of `subject`.
    .addColumn('subject_hash', 'text', (c) => c.notNull())
    .addColumn('iterations', 'integer', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_hit_at', 'bigint')
    .execute();
  await db.schema.createIndex('watchlist_entry_org_idx').on('watchlist_entry').columns(['org_id', 'kind', 'subject']).unique().execute();
  await db.schema.alterTable('checkin').addColumn('outcome', 'text').execute();
  await db.schema.alterTable('checkin').addColumn('watchlist_id', 'text').execute();
}

/** Drops what 010 created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin').dropColumn('watchlist_id').execute();
  await db.schema.alterTable('checkin').dropColumn('outcome').execute();
  await db.schema.dropTable('watchlist_entry').execute();
}
