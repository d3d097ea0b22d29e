import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import { WEBHOOK_HEADERS, type WebhookEventType } from '../../src/protocol/webhooks';
import { guardedLookup, isRefusedAddress } from './address-guard';
import { webhookSignature } from './sign-delivery';

export interface OutgoingDelivery {
  id: string;
  type: WebhookEventType;
  url: string;
  secret: string;
  body: string;
}

export interface PostOptions {
  timeoutMs: number;
  allowPrivate: boolean;
  /** Ends the attempt at once (the server is stopping): it counts as failed and is retried after the restart. */
  signal?: AbortSignal;
}

/** Bytes of a receiver's answer we read (and then ignore): enough to finish a small response, no more. */
const MAX_ANSWER_BYTES = 64 * 1024;

/**
 * POSTs one signed delivery. Resolves `null` on a 2xx, else the short reason kept in the delivery log
 * (`HTTP 503`, `timeout`, `ECONNREFUSED`, `refused_address`) — never the receiver's body. Redirects are not
 * followed (a 3xx is a failure): following one would skip the address guard.
 */
export function postDelivery(delivery: OutgoingDelivery, options: PostOptions, now = Date.now()): Promise<string | null> {
  const url = new URL(delivery.url);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!options.allowPrivate && net.isIP(host) !== 0 && isRefusedAddress(host)) return Promise.resolve('refused_address');
  const timestamp = Math.floor(now / 1000);
  const headers = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(delivery.body)),
    'user-agent': 'Gatelog-Webhooks/1',
    [WEBHOOK_HEADERS.id]: delivery.id,
    'idempotency-key': delivery.id,
    [WEBHOOK_HEADERS.event]: delivery.type,
    [WEBHOOK_HEADERS.timestamp]: String(timestamp),
    [WEBHOOK_HEADERS.signature]: webhookSignature(delivery.secret, timestamp, delivery.body),
  };
  const send = url.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve) => {
    let settled = false;
    const done = (reason: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(reason);
    };
    const req = send(url, { method: 'POST', headers, lookup: guardedLookup(options.allowPrivate), ...(options.signal ? { signal: options.signal } : {}) }, (res) => {
      let read = 0;
      res.on('data', (chunk: Buffer) => {
        read += chunk.length;
        if (read > MAX_ANSWER_BYTES) res.destroy();
      });
      const status = res.statusCode ?? 0;
      const outcome = status >= 200 && status < 300 ? null : `HTTP ${status}`;
      res.on('end', () => done(outcome));
      res.on('close', () => done(outcome));
      res.on('error', () => done(outcome));
    });
    // A whole attempt (connect, send, answer) has timeoutMs; a receiver that hangs is cut off and retried.
    const timer = setTimeout(() => {
      done('timeout');
      req.destroy();
    }, options.timeoutMs);
    req.on('error', (err: NodeJS.ErrnoException) => done(typeof err.code === 'string' ? err.code : 'network_error'));
    req.end(delivery.body);
  });
}
