import { PostgresAdapter, sql, type Kysely } from 'kysely';

/**
 * The read side (issue #9), derived from `checkin` at ingest so trace and reports cost what they answer:
 * - `visit`: an IN paired with its OUT (or open to the end of its local day), one row per stay;
 * - `site_hour_count`: scans per site, local day and local hour;
 * - `site_day_count`: the same per local day (year reports read 365 rows a site, not 8,760);
 * - `site_day_visitor`: who was seen at a site on a local day (exact distinct visitors over any period);
 * - `site_month_sketch`: a HyperLogLog sketch of a site-month's visitors (distinct visitors over long periods);
 * - `read_side_state`: the time zone the read side was built for (local days depend on it).
 * The tables are filled by `ensureReadSide` after migrating (server/repositories/read-side.ts), which
 * rebuilds them from the check-ins of an existing database with progress printed.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('visit')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    /** Start of the visit's local day, epoch ms: visits never cross local midnight. */
    .addColumn('day', 'bigint', (c) => c.notNull())
    .addColumn('time_in', 'bigint', (c) => c.notNull())
    .addColumn('time_out', 'bigint')
    .addColumn('effective_out', 'bigint', (c) => c.notNull())
    .addColumn('name', 'text')
    .execute();
  // Overlap: everyone at a site on a day before a time; covering, so the contact join never reads the table.
  await db.schema.createIndex('visit_site_day_idx').on('visit').columns(['site_id', 'day', 'time_in', 'effective_out', 'subject']).execute();
  // A subject's visits, and the keys ingest re-pairs.
  await db.schema.createIndex('visit_subject_day_idx').on('visit').columns(['subject', 'day']).execute();

  await db.schema
    .createTable('site_hour_count')
    .addColumn('site_id', 'text', (c) => c.notNull())
    /** Local date YYYY-MM-DD. */
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('hour', 'integer', (c) => c.notNull())
    .addColumn('scans', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_hour_count_pk', ['site_id', 'day', 'hour'])
    .execute();

  await db.schema
    .createTable('site_day_count')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('scans', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_day_count_pk', ['site_id', 'day'])
    .execute();

  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? sql`bytea` : sql`blob`;
  await db.schema
    .createTable('site_month_sketch')
    .addColumn('site_id', 'text', (c) => c.notNull())
    /** YYYY-MM, local. */
    .addColumn('month', 'text', (c) => c.notNull())
    .addColumn('registers', bytes, (c) => c.notNull())
    .addPrimaryKeyConstraint('site_month_sketch_pk', ['site_id', 'month'])
    .execute();

  await db.schema
    .createTable('site_day_visitor')
    .addColumn('site_id', 'text', (c) => c.notNull())
    .addColumn('day', 'text', (c) => c.notNull())
    .addColumn('subject', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('site_day_visitor_pk', ['site_id', 'day', 'subject'])
    .execute();
  await db.schema.createIndex('site_day_visitor_subject_idx').on('site_day_visitor').columns(['subject', 'day']).execute();

  await db.schema
    .createTable('read_side_state')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const table of ['read_side_state', 'site_day_visitor', 'site_month_sketch', 'site_day_count', 'site_hour_count', 'visit']) await db.schema.dropTable(table).execute();
}
