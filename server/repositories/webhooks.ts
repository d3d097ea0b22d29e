import type { WebhookDelivery, WebhookDeliveryStatus, WebhookEndpoint, WebhookEventType } from '../../src/protocol/webhooks';
import { sql } from 'kysely';
import type { Db, WebhookDeliveryTable, WebhookEndpointTable } from '../db/schema';
import { randomBase32 } from '../lib/secrets';

const toEndpoint = (r: WebhookEndpointTable): WebhookEndpoint => ({
  id: r.id,
  orgId: r.org_id,
  url: r.url,
  events: JSON.parse(r.events) as WebhookEventType[],
  createdAt: Number(r.created_at),
});

const toDelivery = (r: Omit<WebhookDeliveryTable, 'payload' | 'org_id'> & { events_kept: number | string | boolean }): WebhookDelivery => ({
  id: r.id,
  endpointId: r.endpoint_id,
  type: r.event_type as WebhookEventType,
  events: Number(r.event_count),
  status: r.status as WebhookDeliveryStatus,
  attempts: Number(r.attempts),
  createdAt: Number(r.created_at),
  nextAttemptAt: r.status === 'pending' && r.next_attempt_at !== null ? Number(r.next_attempt_at) : null,
  deliveredAt: r.delivered_at === null ? null : Number(r.delivered_at),
  lastError: r.last_error,
  eventsKept: Number(r.events_kept) === 1 || r.events_kept === true,
});

const LOG_COLUMNS = ['id', 'endpoint_id', 'event_type', 'event_count', 'status', 'attempts', 'created_at', 'next_attempt_at', 'delivered_at', 'last_error'] as const;
/** 1 while the delivery's events are kept (not yet purged). */
const EVENTS_KEPT = sql<number>`case when payload = '' then 0 else 1 end`.as('events_kept');

/** How long a finished delivery keeps its events (they may hold names), and its log line. */
export const KEEP_FINISHED_EVENTS_MS = 24 * 3600_000;
export const KEEP_FINISHED_LOG_MS = 30 * 24 * 3600_000;
/** Rows per purge statement: short statements, since better-sqlite3 blocks the event loop. */
const PURGE_SLICE = 500;

/** A delivery the worker is about to send, with what it needs to send it. */
export interface DueDelivery {
  id: string;
  orgId: string;
  type: WebhookEventType;
  payload: string;
  attempts: number;
  createdAt: number;
  nextAttemptAt: number;
  url: string;
  secret: string;
  endpointDeleted: boolean;
}

/** Webhook endpoints and the outbox of deliveries (issue #16 item 4; enqueueing is server/webhooks/enqueue-events.ts). */
export function webhooksRepository(db: Db) {
  return {
    /** Registers an endpoint with its signing secret. */
    async createEndpoint(input: { orgId: string; url: string; events: readonly WebhookEventType[]; secret: string }, now = Date.now()): Promise<WebhookEndpoint> {
      const row: WebhookEndpointTable = {
        id: `whk_${randomBase32(16)}`,
        org_id: input.orgId,
        url: input.url,
        events: JSON.stringify([...new Set(input.events)]),
        secret: input.secret,
        created_at: now,
        deleted_at: null,
      };
      await db.insertInto('webhook_endpoint').values(row).execute();
      return toEndpoint(row);
    },

    /** The org's own endpoints (not deleted), oldest first. */
    async listEndpoints(orgId: string): Promise<WebhookEndpoint[]> {
      const rows = await db.selectFrom('webhook_endpoint').selectAll().where('org_id', '=', orgId).where('deleted_at', 'is', null).orderBy('created_at').orderBy('id').execute();
      return rows.map(toEndpoint);
    },

    /** One endpoint that is not deleted. */
    async getEndpoint(id: string): Promise<WebhookEndpoint | undefined> {
      const row = await db.selectFrom('webhook_endpoint').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
      return row && toEndpoint(row);
    },

    /** Deletes an endpoint (its log stays); its pending deliveries end as failed on their next turn. */
    async deleteEndpoint(id: string, now = Date.now()): Promise<void> {
      await db.updateTable('webhook_endpoint').set({ deleted_at: now }).where('id', '=', id).execute();
    },

    /** An endpoint's deliveries, newest first. */
    async listDeliveries(endpointId: string, limit: number): Promise<WebhookDelivery[]> {
      const rows = await db.selectFrom('webhook_delivery').select([...LOG_COLUMNS, EVENTS_KEPT]).where('endpoint_id', '=', endpointId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toDelivery);
    },

    /** One delivery's log row. */
    async getDelivery(id: string): Promise<WebhookDelivery | undefined> {
      const row = await db.selectFrom('webhook_delivery').select([...LOG_COLUMNS, EVENTS_KEPT]).where('id', '=', id).executeTakeFirst();
      return row && toDelivery(row);
    },

    /** Queues a delivery again, due now, with a fresh budget of attempts and the same idempotency key; false if its events are gone. */
    async redeliver(id: string, now = Date.now()): Promise<boolean> {
      const r = await db
        .updateTable('webhook_delivery')
        .set({ status: 'pending', attempts: 0, next_attempt_at: now, last_error: null })
        .where('id', '=', id)
        .where('payload', '!=', '')
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /**
     * Personal data is kept only as long as needed: a finished delivery's events are dropped a day after it was
     * created, its log line after 30 days. In slices of short statements; returns how many rows changed.
     */
    async purgeFinished(now = Date.now()): Promise<number> {
      let changed = 0;
      for (;;) {
        const ids = await db
          .selectFrom('webhook_delivery')
          .select('id')
          .where('created_at', '<', now - KEEP_FINISHED_EVENTS_MS)
          .where('status', '!=', 'pending')
          .where('payload', '!=', '')
          .limit(PURGE_SLICE)
          .execute();
        if (ids.length === 0) break;
        const r = await db.updateTable('webhook_delivery').set({ payload: '' }).where('id', 'in', ids.map((i) => i.id)).executeTakeFirst();
        changed += Number(r.numUpdatedRows);
      }
      for (;;) {
        const ids = await db.selectFrom('webhook_delivery').select('id').where('created_at', '<', now - KEEP_FINISHED_LOG_MS).where('status', '!=', 'pending').limit(PURGE_SLICE).execute();
        if (ids.length === 0) break;
        const r = await db.deleteFrom('webhook_delivery').where('id', 'in', ids.map((i) => i.id)).executeTakeFirst();
        changed += Number(r.numDeletedRows);
      }
      return changed;
    },

    /** Up to `limit` pending deliveries due at `now`, soonest first (one short indexed read). */
    async due(now: number, limit: number): Promise<DueDelivery[]> {
      const rows = await db
        .selectFrom('webhook_delivery as d')
        .innerJoin('webhook_endpoint as e', 'e.id', 'd.endpoint_id')
        .select(['d.id', 'd.org_id', 'd.event_type', 'd.payload', 'd.attempts', 'd.created_at', 'd.next_attempt_at', 'e.url', 'e.secret', 'e.deleted_at'])
        .where('d.status', '=', 'pending')
        .where('d.next_attempt_at', '<=', now)
        .orderBy('d.next_attempt_at')
        .limit(limit)
        .execute();
      return rows.map((r) => ({
        id: r.id,
        orgId: r.org_id,
        type: r.event_type as WebhookEventType,
        payload: r.payload,
        attempts: Number(r.attempts),
        createdAt: Number(r.created_at),
        nextAttemptAt: Number(r.next_attempt_at),
        url: r.url,
        secret: r.secret,
        endpointDeleted: r.deleted_at !== null,
      }));
    },

    /**
     * Takes a due delivery for one attempt by pushing its due time to `leaseUntil`, only if nobody else took it
     * since it was read (another worker, another process on the same database). A crash mid-attempt leaves it
     * due again when the lease ends: sent again with the same idempotency key.
     */
    async claim(id: string, seenNextAttemptAt: number, leaseUntil: number): Promise<boolean> {
      const r = await db
        .updateTable('webhook_delivery')
        .set({ next_attempt_at: leaseUntil })
        .where('id', '=', id)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '=', seenNextAttemptAt)
        .executeTakeFirst();
      return Number(r.numUpdatedRows) === 1;
    },

    /** Records an attempt's outcome: delivered, due again at `nextAttemptAt`, or failed for good (`nextAttemptAt` null). */
    async recordAttempt(id: string, outcome: { attempts: number; error: string | null; nextAttemptAt: number | null }, now = Date.now()): Promise<void> {
      const set =
        outcome.error === null
          ? { status: 'delivered', attempts: outcome.attempts, delivered_at: now, next_attempt_at: null, last_error: null }
          : outcome.nextAttemptAt === null
            ? { status: 'failed', attempts: outcome.attempts, next_attempt_at: null, last_error: outcome.error }
            : { status: 'pending', attempts: outcome.attempts, next_attempt_at: outcome.nextAttemptAt, last_error: outcome.error };
      await db.updateTable('webhook_delivery').set(set).where('id', '=', id).execute();
    },
  };
}
