import { sql, type Kysely } from 'kysely';

/**
 * Issue #10: an erasure reaches the audit log and the kiosks. `server_secret` holds the key of the audit log's
 * keyed subject hashes (and of each site's erasure-list key); `erasure` is each site's list of erased subjects,
 * as keyed hashes, versioned like the roster so kiosks page through it on their sync pull.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('server_secret')
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('site').addColumn('erasure_version', 'bigint', (c) => c.notNull().defaultTo(sql`0`)).execute();
  await db.schema
    .createTable('erasure')
    .addColumn('site_id', 'text', (c) => c.notNull().references('site.id'))
    .addColumn('version', 'bigint', (c) => c.notNull())
    .addColumn('subject_hash', 'text', (c) => c.notNull())
    .addColumn('erased_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('erasure_pk', ['site_id', 'version'])
    .execute();
}

/** Drops what 005 created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('erasure').execute();
  await db.schema.alterTable('site').dropColumn('erasure_version').execute();
  await db.schema.dropTable('server_secret').execute();
}
