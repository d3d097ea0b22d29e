import { createHash, randomBytes } from 'node:crypto';

const BASE32 = 'abcdefghijkmnpqrstuvwxyz23456789'; // 32 symbols, no 0/o/1/l: readable when typed

/** Random text of `length` symbols from an unambiguous 32-letter alphabet (5 bits each). */
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  let out = '';
  for (const b of bytes) out += BASE32[b & 31];
  return out;
}

/** A short random id with a type prefix, e.g. `site_k3m9x2...` (80 random bits). */
export function newId(prefix: 'org' | 'site' | 'dev' | 'adm' | 'aud' | 'wl'): string {
  return `${prefix}_${randomBase32(16)}`;
}

/** A one-time enrolment code: 16 URL-safe symbols (80 bits), short enough to type from a phone. */
export function newEnrolCode(): string {
  return randomBase32(16);
}

/** A long-lived bearer token: 32 random bytes, base64url. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What we store instead of a code or token: its SHA-256 (they are high-entropy, so no salt is needed). */
export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
