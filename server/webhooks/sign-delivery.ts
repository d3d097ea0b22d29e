import { createHmac } from 'node:crypto';

/** HMAC-SHA256 over `${timestamp}.${body}`, hex: the `v1=` value of the Gatelog-Webhook-Signature header. */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}
