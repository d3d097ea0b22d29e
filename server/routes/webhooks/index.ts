import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import {
  createWebhookSchema,
  idParamsSchema,
  webhookDeliveriesQuerySchema,
  webhookIdParamsSchema,
  type CreatedWebhook,
  type OkAnswer,
  type WebhookDelivery,
  type WebhookDeliveryList,
  type WebhookEndpointList,
} from '../../../src/protocol';
import { recordAudit } from '../../access/record-audit';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';
import { isAllowedWebhookUrl } from '../../webhooks/address-guard';

export interface WebhooksRoutesOptions {
  allowPrivate: boolean;
}

/** The endpoint `id` names, after checking the caller is an admin of its organisation (404 and 403 as for sites). */
async function managedEndpoint(app: FastifyInstance, request: FastifyRequest, id: string) {
  const endpoint = await app.repos.webhooks.getEndpoint(id);
  // An unknown endpoint gets the same answer as a foreign one.
  await request.scope!.manageOrg(endpoint?.orgId ?? 'org_none');
  if (!endpoint) throw new ApiError(404, 'not_found', 'No such webhook.');
  return endpoint;
}

/**
 * Webhooks of an organisation (issue #16 item 4), for its admins: register (the secret is answered once),
 * list, delete, the delivery log, and redeliver.
 */
export async function webhooksRoutes(app: FastifyInstance, opts: WebhooksRoutesOptions): Promise<void> {
  const pre = { preHandler: app.requireAdmin };

  app.get('/orgs/:id/webhooks', pre, async (request): Promise<WebhookEndpointList> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    await request.scope!.manageOrg(id);
    return { endpoints: await app.repos.webhooks.listEndpoints(id) };
  });

  app.post('/orgs/:id/webhooks', pre, async (request): Promise<CreatedWebhook> => {
    const { id } = parseOr400(idParamsSchema, request.params, 'bad_request');
    const body = parseOr400(createWebhookSchema, request.body, 'bad_request');
    await request.scope!.manageOrg(id);
    if (!isAllowedWebhookUrl(body.url, opts.allowPrivate)) {
      throw new ApiError(400, 'webhook_address_refused', 'Webhooks are not sent to loopback or private addresses.', { fields: 'url' });
    }
    const secret = `whsec_${randomBytes(24).toString('base64url')}`;
    const endpoint = await app.repos.webhooks.createEndpoint({ orgId: id, url: body.url, events: body.events, secret });
    // The origin only: a URL's path or query may hold the receiver's own token.
    await recordAudit(app, request, { action: 'webhook.create', orgId: id, target: endpoint.id, detail: { origin: new URL(body.url).origin, events: endpoint.events } });
    return { endpoint, secret };
  });

  app.delete('/webhooks/:id', pre, async (request) => {
    const { id } = parseOr400(webhookIdParamsSchema, request.params, 'bad_request');
    const endpoint = await managedEndpoint(app, request, id);
    await app.repos.webhooks.deleteEndpoint(id);
    await recordAudit(app, request, { action: 'webhook.delete', orgId: endpoint.orgId, target: id, detail: { origin: new URL(endpoint.url).origin } });
    return { ok: true } satisfies OkAnswer;
  });

  app.get('/webhooks/:id/deliveries', pre, async (request): Promise<WebhookDeliveryList> => {
    const { id } = parseOr400(webhookIdParamsSchema, request.params, 'bad_request');
    const { limit } = parseOr400(webhookDeliveriesQuerySchema, request.query, 'bad_query');
    await managedEndpoint(app, request, id);
    return { deliveries: await app.repos.webhooks.listDeliveries(id, limit ?? 100) };
  });

  app.post('/webhook-deliveries/:id/redeliver', pre, async (request): Promise<WebhookDelivery> => {
    const { id } = parseOr400(webhookIdParamsSchema, request.params, 'bad_request');
    const delivery = await app.repos.webhooks.getDelivery(id);
    const endpoint = await managedEndpoint(app, request, delivery?.endpointId ?? 'whk_none');
    if (!delivery) throw new ApiError(404, 'not_found', 'No such delivery.');
    if (!(await app.repos.webhooks.redeliver(id))) throw new ApiError(409, 'conflict', 'This delivery’s events are no longer kept; it cannot be sent again.');
    await recordAudit(app, request, { action: 'webhook.redeliver', orgId: endpoint.orgId, target: id });
    return (await app.repos.webhooks.getDelivery(id))!;
  });
}
