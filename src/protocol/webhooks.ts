import { z } from 'zod';
import { DIRECTIONS } from './checkin';
import { hasNoNul, NO_NUL } from './text';
import { VISITOR_KINDS } from './visitor-limits';

// Webhooks per organisation (issue #16 item 4): events, what a delivery carries, and the console's API.

/** What an endpoint can subscribe to. `refused` and `watchlist_hit` are emitted by the watchlist (issue #16 item 2). */
export const WEBHOOK_EVENT_TYPES = ['checkin', 'refused', 'watchlist_hit'] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** Where and when something happened at a gate: every event has these, and no personal data. */
const gateFields = {
  /** The check-in's (or attempt's) own id, the kiosk's UUIDv7. */
  id: z.string(),
  siteId: z.string(),
  deviceId: z.string(),
  /** When it happened at the gate (the server's corrected time), ISO 8601 UTC. */
  time: z.iso.datetime(),
};

/**
 * A stored check-in. Personal data kept minimal: the visitor's `name` only, and only when the site's field
 * policy keeps names (never the ID number, phone, address, birth date or the visitor's key).
 */
export const checkinEventSchema = z.object({
  type: z.literal('checkin'),
  ...gateFields,
  direction: z.enum(DIRECTIONS),
  kind: z.enum(VISITOR_KINDS),
  name: z.string().optional(),
});
export type CheckinEvent = z.infer<typeof checkinEventSchema>;

/** A visitor the kiosk refused (`reason`: a stable code such as `watchlist`); `watchlistEntryId` when a watchlist entry did it. */
export const refusedEventSchema = z.object({
  type: z.literal('refused'),
  ...gateFields,
  reason: z.string().max(64),
  watchlistEntryId: z.string().optional(),
});
export type RefusedEvent = z.infer<typeof refusedEventSchema>;

/** A scan matched a watchlist entry; `action` is what the entry asks for (refuse the visitor, or only alert). */
export const watchlistHitEventSchema = z.object({
  type: z.literal('watchlist_hit'),
  ...gateFields,
  watchlistEntryId: z.string(),
  action: z.enum(['refuse', 'alert']),
});
export type WatchlistHitEvent = z.infer<typeof watchlistHitEventSchema>;

export const webhookEventSchema = z.discriminatedUnion('type', [checkinEventSchema, refusedEventSchema, watchlistHitEventSchema]);
export type WebhookEvent = z.infer<typeof webhookEventSchema>;

/**
 * The JSON body of one delivery. A delivery carries the events of ONE type from one write (a sync batch's
 * check-ins travel together: up to 200 per delivery). `id` equals the `Gatelog-Webhook-Id` header: the
 * idempotency key, the same on every retry and redelivery.
 */
export const webhookDeliveryBodySchema = z.object({
  id: z.string(),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  orgId: z.string(),
  /** When the events were stored (ISO 8601 UTC). */
  createdAt: z.iso.datetime(),
  events: z.array(webhookEventSchema),
});
export type WebhookDeliveryBody = z.infer<typeof webhookDeliveryBodySchema>;

/** Headers of a delivery. The signature is HMAC-SHA256(secret, `${timestamp}.${body}`), hex, after `v1=`. */
export const WEBHOOK_HEADERS = {
  id: 'gatelog-webhook-id',
  timestamp: 'gatelog-webhook-timestamp',
  signature: 'gatelog-webhook-signature',
  event: 'gatelog-webhook-event',
} as const;

export const MAX_WEBHOOK_URL_LENGTH = 2000;

/** POST /api/v1/orgs/:id/webhooks: an endpoint and the events it wants. */
export const createWebhookSchema = z.object({
  url: z
    .string()
    .trim()
    .max(MAX_WEBHOOK_URL_LENGTH)
    .refine(hasNoNul, NO_NUL)
    .refine((u) => URL.canParse(u) && /^https?:$/.test(new URL(u).protocol), 'an http(s) URL'),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)).min(1).max(WEBHOOK_EVENT_TYPES.length),
});
export type CreateWebhook = z.infer<typeof createWebhookSchema>;

/** An endpoint as the console lists it: never its secret. */
export const webhookEndpointSchema = z.object({
  id: z.string(),
  orgId: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  createdAt: z.number(),
});
export type WebhookEndpoint = z.infer<typeof webhookEndpointSchema>;
export const webhookEndpointListSchema = z.object({ endpoints: z.array(webhookEndpointSchema) });
export type WebhookEndpointList = z.infer<typeof webhookEndpointListSchema>;

/** The answer to a registration: the signing secret, shown this once (`whsec_…`). */
export const createdWebhookSchema = z.object({ endpoint: webhookEndpointSchema, secret: z.string() });
export type CreatedWebhook = z.infer<typeof createdWebhookSchema>;

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One delivery in the log: its state, never its events (they may carry names). */
export const webhookDeliverySchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  type: z.enum(WEBHOOK_EVENT_TYPES),
  events: z.number(),
  status: z.enum(WEBHOOK_DELIVERY_STATUSES),
  attempts: z.number(),
  createdAt: z.number(),
  /** When the next attempt is due (pending only). */
  nextAttemptAt: z.number().nullable(),
  deliveredAt: z.number().nullable(),
  /** `HTTP 500`, `timeout`, `refused_address`, … of the last failed attempt. */
  lastError: z.string().nullable(),
  /** Whether its events are still kept (a day after it ends they are dropped; it can then no longer be redelivered). */
  eventsKept: z.boolean(),
});
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export const webhookDeliveryListSchema = z.object({ deliveries: z.array(webhookDeliverySchema) });
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;

/** GET /api/v1/webhooks/:id/deliveries?limit= */
export const webhookDeliveriesQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(500).optional() });

/** `:id` of a webhook endpoint (`whk_…`) or delivery (`whd_…_…`). */
export const webhookIdParamsSchema = z.object({ id: z.string().max(64).regex(/^wh[kd]_[a-z0-9_]+$/) });
