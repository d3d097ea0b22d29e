import type { FastifyInstance } from 'fastify';
import type { DueDelivery } from '../repositories/webhooks';
import { postDelivery } from '../webhooks/post-delivery';
import { retryDelay } from '../webhooks/retry-delay';
import type { WebhookSettings } from '../webhooks/settings';
import { globalPlugin } from './global-plugin';

/** How often finished deliveries drop their events (a day after) and their log lines (30 days after). */
const PURGE_EVERY_MS = 3600_000;

/** Deliveries taken per turn: each turn is two short statements plus one per delivery (better-sqlite3 blocks). */
const BATCH = 10;

export interface WebhookWorkerOptions {
  enabled: boolean;
  settings: WebhookSettings;
}

/** The body of a delivery, built the same way on every attempt (the stored events are already JSON). */
export function deliveryBody(d: Pick<DueDelivery, 'id' | 'type' | 'orgId' | 'createdAt' | 'payload'>): string {
  return `{"id":${JSON.stringify(d.id)},"type":${JSON.stringify(d.type)},"orgId":${JSON.stringify(d.orgId)},"createdAt":${JSON.stringify(new Date(d.createdAt).toISOString())},"events":${d.payload}}`;
}

/**
 * Sends the webhook outbox in the background, outside every request (issue #16): takes due deliveries, posts
 * them signed, and records each outcome — delivered, retried later with exponential backoff and jitter, or
 * failed after `maxAttempts`. A delivered row is never sent again unless an admin asks (same idempotency key).
 */
export const webhookWorkerPlugin = globalPlugin(async (app: FastifyInstance, opts: WebhookWorkerOptions) => {
  if (!opts.enabled) return;
  const s = opts.settings;
  // Longer than an attempt can last: a delivery still leased was surely abandoned only once this has passed.
  const leaseMs = 2 * s.timeoutMs + 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closing = false;
  let purgedAt = 0;
  // Stopping must not wait for a slow receiver (SIGTERM exits within 10 s): attempts in flight are cut off.
  const stopping = new AbortController();

  const attempt = async (d: DueDelivery): Promise<void> => {
    const attempts = d.attempts + 1;
    const error = d.endpointDeleted
      ? 'endpoint_deleted'
      : await postDelivery({ id: d.id, type: d.type, url: d.url, secret: d.secret, body: deliveryBody(d) }, { ...s, signal: stopping.signal });
    const giveUp = error !== null && (d.endpointDeleted || attempts >= s.maxAttempts);
    const now = Date.now();
    await app.repos.webhooks.recordAttempt(d.id, { attempts, error, nextAttemptAt: error === null || giveUp ? null : now + retryDelay(attempts, s.retryBaseMs, s.retryCapMs) }, now);
    // Codes only: URLs can carry tokens, bodies carry names.
    if (error !== null) app.log.info({ delivery: d.id, attempts, error, failed: giveUp }, 'webhook attempt failed');
  };

  const turn = async (): Promise<boolean> => {
    const now = Date.now();
    if (now - purgedAt >= PURGE_EVERY_MS) {
      purgedAt = now;
      const purged = await app.repos.webhooks.purgeFinished(now);
      if (purged) app.log.info({ purged }, 'webhook deliveries purged');
    }
    const due = await app.repos.webhooks.due(now, BATCH);
    const claimed: DueDelivery[] = [];
    for (const d of due) if (await app.repos.webhooks.claim(d.id, d.nextAttemptAt, now + leaseMs)) claimed.push(d);
    await Promise.all(claimed.map((d) => attempt(d).catch((err: unknown) => app.log.error({ err, delivery: d.id }, 'webhook attempt not recorded'))));
    return due.length === BATCH;
  };

  const schedule = (ms: number) => {
    if (closing) return;
    timer = setTimeout(run, ms);
    timer.unref();
  };
  function run(): void {
    running = turn()
      .then(
        (more) => schedule(more ? 0 : s.pollMs),
        (err: unknown) => {
          app.log.error({ err }, 'webhook worker turn failed');
          schedule(s.pollMs);
        },
      )
      .finally(() => {
        running = undefined;
      });
  }

  app.addHook('onReady', async () => schedule(0));
  app.addHook('onClose', async () => {
    closing = true;
    clearTimeout(timer);
    stopping.abort();
    // Cut-off attempts are recorded as failed (retried after the restart); one lost to a hard stop is sent again after its lease.
    await running;
  });
});
