import { createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 over `${timestamp}.${body}`, hex: the `v1=` value of the Gatelog-Webhook-Signature header. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** What a receiver does (README's snippet, used by the tests): recompute, compare in constant time, bound the age. */
export function verifyWebhookSignature(secret: string, header: { timestamp: string; signature: string }, body: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  const timestamp = Number(header.timestamp);
  if (!Number.isInteger(timestamp) || Math.abs(nowSeconds - timestamp) > toleranceSeconds) return false;
  const expected = Buffer.from(webhookSignature(secret, timestamp, body));
  const given = Buffer.from(header.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
