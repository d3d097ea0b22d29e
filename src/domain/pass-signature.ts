import type { PassKey } from '../protocol/site-config';
import type { RejectReason } from './parse-result';
import type { PassSignatureClaim } from './pass';

const fromBase64url = (s: string): Uint8Array<ArrayBuffer> => {
  const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
};

/** Local calendar date as YYYYMMDD, to compare with a pass's validity. */
export function yyyymmdd(now: Date): string {
  return `${now.getFullYear()}${String(now.getMonth() + 1).padStart(2, '0')}${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Checks an admin-issued pass offline: a key the site trusts, a valid Ed25519 signature, not expired.
 * Returns null when the pass is good, else why it is refused.
 */
export async function checkPassSignature(claim: PassSignatureClaim, keys: readonly PassKey[], now = new Date()): Promise<RejectReason | null> {
  const key = keys.find((k) => k.kid === claim.kid);
  if (!key) return 'passKeyUnknown';
  let valid = false;
  try {
    const publicKey = await crypto.subtle.importKey('raw', fromBase64url(key.publicKey), { name: 'Ed25519' }, false, ['verify']);
    valid = await crypto.subtle.verify({ name: 'Ed25519' }, publicKey, fromBase64url(claim.signature), new TextEncoder().encode(claim.signedText));
  } catch {
    valid = false;
  }
  if (!valid) return 'passSignature';
  if (claim.validUntil && yyyymmdd(now) > claim.validUntil) return 'passExpired';
  return null;
}
