import { sql, type Kysely } from 'kysely';

/** Issue #6: pass-signing keys, passes issued by admins, site rosters (versioned for incremental sync). */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('pass_key')
    .addColumn('kid', 'text', (c) => c.primaryKey())
    // Raw 32-byte Ed25519 public key, base64url (the JWK `x`); the private key as PKCS#8 DER, base64.
    .addColumn('public_key', 'text', (c) => c.notNull())
    .addColumn('private_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('retired_at', 'bigint')
    .execute();

  await db.schema
    .createTable('issued_pass')
    .addColumn('pass_id', 'text', (c) => c.primaryKey())
    .addColumn('site_id', 'text', (c) => c.notNull().references('site.id'))
    .addColumn('kid', 'text', (c) => c.notNull())
    .addColumn('name', 'text')
    .addColumn('phone', 'text')
    .addColumn('id_number', 'text')
    .addColumn('valid_until', 'text')
    .addColumn('issued_by', 'text', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('issued_pass_site_idx').on('issued_pass').columns(['site_id', 'issued_at']).execute();

  await db.schema.alterTable('site').addColumn('roster_version', 'bigint', (c) => c.notNull().defaultTo(sql`0`)).execute();
  await db.schema
    .createTable('roster_entry')
    .addColumn('site_id', 'text', (c) => c.notNull().references('site.id'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('group_name', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull())
    .addColumn('version', 'bigint', (c) => c.notNull())
    // 0/1 rather than boolean: the same on both engines.
    .addColumn('deleted', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('roster_entry_pk', ['site_id', 'code'])
    .execute();
  // Kiosks page through a site's changes by version.
  await db.schema.createIndex('roster_entry_version_idx').on('roster_entry').columns(['site_id', 'version']).execute();
  await db.schema.createIndex('roster_entry_code_idx').on('roster_entry').column('code').execute();
}

/** Drops what 003 created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('roster_entry').execute();
  await db.schema.alterTable('site').dropColumn('roster_version').execute();
  await db.schema.dropTable('issued_pass').execute();
  await db.schema.dropTable('pass_key').execute();
}
