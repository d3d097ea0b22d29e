import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WEBHOOK_HEADERS, webhookDeliveryBodySchema, type WebhookDeliveryBody } from '../../src/protocol/webhooks';
import { createHmac, timingSafeEqual } from 'node:crypto';

/** The README's verification snippet, written out on its own so that it checks the server's signing, not itself. */
function isFromGatelog(secret: string, headers: http.IncomingHttpHeaders, rawBody: string): boolean {
  const ts = Number(headers[WEBHOOK_HEADERS.timestamp]);
  if (!Number.isInteger(ts) || Math.abs(Date.now() / 1000 - ts) > 300) return false;
  const expected = Buffer.from('v1=' + createHmac('sha256', secret).update(`${ts}.${rawBody}`).digest('hex'));
  const given = Buffer.from(String(headers[WEBHOOK_HEADERS.signature] ?? ''));
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** How the receiver answers the next request: accept, fail with a 500, or never answer (the sender times out). */
export type ReceiverMode = 'ok' | 'fail' | 'hang';

export interface ReceivedDelivery {
  id: string;
  signatureValid: boolean;
  /** The body as parsed by the shared schema (unknown fields dropped). */
  body: WebhookDeliveryBody;
  /** The body exactly as sent. */
  raw: string;
}

/**
 * A real HTTP server that receives webhooks the way the README tells receivers to: it verifies the signature
 * with the endpoint's secret, and keeps each delivery once by its idempotency key (`Gatelog-Webhook-Id`).
 */
export async function startWebhookReceiver() {
  let secret = '';
  let mode: ReceiverMode = 'ok';
  /** Every request, including failed and repeated ones. */
  const requests: ReceivedDelivery[] = [];
  /** Accepted deliveries, deduplicated by idempotency key: the receiver's own view. */
  const accepted = new Map<string, WebhookDeliveryBody>();
  let acceptedRepeats = 0;
  const hanging = new Set<http.ServerResponse>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const id = String(req.headers[WEBHOOK_HEADERS.id] ?? '');
      const signatureValid = isFromGatelog(secret, req.headers, raw);
      const body = webhookDeliveryBodySchema.parse(JSON.parse(raw));
      requests.push({ id, signatureValid, body, raw });
      if (mode === 'hang') {
        hanging.add(res);
        return;
      }
      if (mode === 'fail' || !signatureValid) {
        res.writeHead(mode === 'fail' ? 500 : 401).end();
        return;
      }
      if (accepted.has(id)) acceptedRepeats++;
      else accepted.set(id, body);
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks/gatelog`,
    requests,
    accepted,
    /** Deliveries that arrived again after the receiver had accepted them (and that it ignored). */
    get acceptedRepeats() {
      return acceptedRepeats;
    },
    setSecret(value: string) {
      secret = value;
    },
    setMode(value: ReceiverMode) {
      mode = value;
      if (value !== 'hang') for (const res of hanging) res.destroy();
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type WebhookReceiver = Awaited<ReturnType<typeof startWebhookReceiver>>;
