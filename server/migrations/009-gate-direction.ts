import { sql, type Kysely } from 'kysely';

/**
 * Issue #16: a site's direction mode and closing time; corrections of a check-in's direction; and the indexes of the
 * occupancy delta that kiosks of one site pull (check-ins received, and directions corrected, since a cursor).
 * `visits_closing_time` is the closing time the site's visits were last paired with: when it differs from
 * `closing_time`, the server re-pairs that site's visits (server/repositories/closing-repair.ts).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('site').addColumn('direction_mode', 'text', (c) => c.notNull().defaultTo(sql`'toggle'`)).execute();
  await db.schema.alterTable('site').addColumn('closing_time', 'text').execute();
  await db.schema.alterTable('site').addColumn('visits_closing_time', 'text').execute();
  await db.schema.alterTable('checkin').addColumn('direction_revision', 'integer', (c) => c.notNull().defaultTo(sql`0`)).execute();
  await db.schema.alterTable('checkin').addColumn('direction_changed_at', 'bigint').execute();
  await db.schema.createIndex('checkin_site_received').on('checkin').columns(['site_id', 'received_at']).execute();
  await db.schema
    .createIndex('checkin_site_direction_changed')
    .on('checkin')
    .columns(['site_id', 'direction_changed_at'])
    .where(sql.ref('direction_changed_at'), 'is not', null)
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('checkin_site_direction_changed').execute();
  await db.schema.dropIndex('checkin_site_received').execute();
  for (const column of ['direction_revision', 'direction_changed_at']) await db.schema.alterTable('checkin').dropColumn(column).execute();
  for (const column of ['direction_mode', 'closing_time', 'visits_closing_time']) await db.schema.alterTable('site').dropColumn(column).execute();
}
