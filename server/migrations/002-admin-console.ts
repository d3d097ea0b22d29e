import type { Kysely } from 'kysely';

/** Issue #5: site managers (admin.site_id) and the admins' audit log, readable per org subtree. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('admin').addColumn('site_id', 'text', (c) => c.references('site.id')).execute();

  await db.schema
    .createTable('audit')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('admin_id', 'text', (c) => c.notNull())
    .addColumn('actor', 'text', (c) => c.notNull())
    // The org the change or export belongs to: who may read the entry is decided by it (and site_id).
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('site_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target', 'text')
    .addColumn('detail', 'text')
    .execute();
  await db.schema.createIndex('audit_org_at_idx').on('audit').columns(['org_id', 'at']).execute();
  await db.schema.createIndex('audit_site_at_idx').on('audit').columns(['site_id', 'at']).execute();
}

/** Drops what 002 created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('audit').execute();
  await db.schema.alterTable('admin').dropColumn('site_id').execute();
}
