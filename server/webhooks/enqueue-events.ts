import { sql, type Kysely } from 'kysely';
import type { WebhookEvent, WebhookEventType } from '../../src/protocol/webhooks';
import type { DB } from '../db/schema';
import { randomBase32 } from '../lib/secrets';
import { ancestorsCte } from '../repositories/org-tree';

/**
 * Puts events into the durable webhook outbox, inside the caller's transaction (so they are stored exactly when
 * the write that caused them is): one delivery row per subscribed endpoint and event type, for every endpoint
 * of `orgId` or an organisation above it. One INSERT … SELECT per event type present; nothing is sent here —
 * the delivery worker (server/plugins/webhook-worker.ts) sends outside any request.
 */
export async function enqueueWebhookEvents(trx: Kysely<DB>, orgId: string, events: readonly WebhookEvent[], now = Date.now()): Promise<void> {
  const byType = new Map<WebhookEventType, WebhookEvent[]>();
  for (const event of events) {
    const list = byType.get(event.type);
    if (list) list.push(event);
    else byType.set(event.type, [event]);
  }
  for (const [type, list] of byType) {
    // Ids are `whd_<write>_<endpoint>`: unique per endpoint, and the receiver's idempotency key.
    const write = randomBase32(16);
    await sql`
      WITH RECURSIVE ${ancestorsCte(orgId)}
      INSERT INTO webhook_delivery (id, endpoint_id, org_id, event_type, payload, event_count, status, attempts, next_attempt_at, created_at)
      SELECT ${`whd_${write}_`} || substr(e.id, 5), e.id, ${orgId}, ${type}, ${JSON.stringify(list)}, ${list.length}, 'pending', 0, ${now}, ${now}
      FROM webhook_endpoint e
      WHERE e.org_id IN (SELECT id FROM ancestors) AND e.deleted_at IS NULL AND e.events LIKE ${`%"${type}"%`}
    `.execute(trx);
  }
}
