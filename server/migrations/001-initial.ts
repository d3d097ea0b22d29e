import type { Kysely } from 'kysely';

// Portable types only: text, integer, bigint (epoch ms). JSON is kept as text.
/** Creates orgs, sites, devices, check-ins, admins and admin tokens with the tracing indexes. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('parent_id', 'text', (c) => c.references('org.id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('org_parent_idx').on('org').column('parent_id').execute();

  await db.schema
    .createTable('site')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('site_org_idx').on('site').column('org_id').execute();

  await db.schema
    .createTable('device')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('site.id'))
    .addColumn('name', 'text')
    .addColumn('token_hash', 'text', (c) => c.unique())
    .addColumn('enrol_code_hash', 'text', (c) => c.unique())
    .addColumn('enrol_code_expires_at', 'bigint')
    .addColumn('enrolled_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .addColumn('last_sync_at', 'bigint')
    .addColumn('pending_reported', 'integer')
    .addColumn('app_version', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('device_site_idx').on('device').column('site_id').execute();

  await db.schema
    .createTable('checkin')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('device_id', 'text', (c) => c.notNull().references('device.id'))
    .addColumn('site_id', 'text', (c) => c.notNull().references('site.id'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('visitor', 'text', (c) => c.notNull())
    .addColumn('device_time', 'bigint', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('corrected_time', 'bigint', (c) => c.notNull())
    .execute();
  // Tracing: one subject's history, and everyone at a site in a time window.
  await db.schema.createIndex('checkin_subject_time_idx').on('checkin').columns(['subject', 'corrected_time']).execute();
  await db.schema.createIndex('checkin_site_time_idx').on('checkin').columns(['site_id', 'corrected_time']).execute();

  await db.schema
    .createTable('admin')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('admin_token')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('admin_id', 'text', (c) => c.notNull().references('admin.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();
}

/** Drops everything 001 created, children first. */
export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['admin_token', 'admin', 'checkin', 'device', 'site', 'org']) {
    await db.schema.dropTable(table).execute();
  }
}
