import type { Kysely } from 'kysely';

/** Issue #12: a check-in whose time the server cannot trust is flagged, not silently shifted. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin').addColumn('time_flag', 'text').execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('checkin').dropColumn('time_flag').execute();
}
