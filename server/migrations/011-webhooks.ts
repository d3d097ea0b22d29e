import { type Kysely } from 'kysely';

/**
 * Issue #16 item 4: webhook endpoints per organisation, and the durable outbox of deliveries. A delivery row is
 * written in the same transaction as the events it carries, so a restart loses nothing; its id is the
 * idempotency key the receiver sees on every attempt.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('webhook_endpoint')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('org_id', 'text', (c) => c.notNull().references('org.id'))
    .addColumn('url', 'text', (c) => c.notNull())
    // JSON array of WEBHOOK_EVENT_TYPES.
    .addColumn('events', 'text', (c) => c.notNull())
    // HMAC key: it must be readable to sign, so it is stored as is (shown to the admin once).
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('deleted_at', 'bigint')
    .execute();
  await db.schema.createIndex('webhook_endpoint_org_idx').on('webhook_endpoint').column('org_id').execute();

  await db.schema
    .createTable('webhook_delivery')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('endpoint_id', 'text', (c) => c.notNull().references('webhook_endpoint.id'))
    .addColumn('org_id', 'text', (c) => c.notNull())
    .addColumn('event_type', 'text', (c) => c.notNull())
    // JSON array of the events (WebhookEvent); the delivery's envelope is built at send time from the columns.
    // Emptied ('') a day after the delivery ends: the events may hold names (see purgeFinished).
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('event_count', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull())
    // Due time of the next attempt while pending; a claimed delivery's is pushed past its lease.
    .addColumn('next_attempt_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('delivered_at', 'bigint')
    .addColumn('last_error', 'text')
    .execute();
  await db.schema.createIndex('webhook_delivery_due_idx').on('webhook_delivery').columns(['status', 'next_attempt_at']).execute();
  await db.schema.createIndex('webhook_delivery_created_idx').on('webhook_delivery').column('created_at').execute();
  await db.schema.createIndex('webhook_delivery_endpoint_idx').on('webhook_delivery').columns(['endpoint_id', 'created_at']).execute();
}

/** Drops what 011 created. */
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('webhook_delivery').execute();
  await db.schema.dropTable('webhook_endpoint').execute();
}
