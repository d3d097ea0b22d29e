import { MAX_CODE_LENGTH, MAX_NAME_LENGTH, type Visitor } from '../protocol/visitor';
import { CONTROL_RE, cleanText, reject, type ParseResult } from './parse-result';

/**
 * Gatelog visitor pass, version 1: `GLP1|<passId>|<name>|<phone>|<check>`.
 * Compact enough for a small QR; `check` (FNV-1a of everything before it, 6 Crockford base32 chars)
 * catches a hand-copied typo or an edited field. Signed passes come with a later version.
 */
export const PASS_PREFIX = 'GLP';
export const PASS_VERSION = 1;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PASS_ID_RE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const PHONE_RE = /^\+?[0-9]{8,15}$/;

export interface PassFields {
  passId: string;
  name: string;
  phone?: string;
}

/** True when the text claims to be a Gatelog pass (any version), so a broken one is refused, not logged raw. */
export function looksLikePass(text: string): boolean {
  return /^GLP\d+\|/.test(text);
}

/** FNV-1a over UTF-8 bytes, rendered as 6 base32 characters (30 bits). */
export function passCheck(body: string): string {
  let h = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(body)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  let out = '';
  for (let i = 0; i < 6; i++) out += CROCKFORD[(h >>> (i * 5)) & 31];
  return out;
}

/** A fresh random pass id (10 Crockford base32 chars, 50 bits). */
export function newPassId(random: (n: number) => Uint8Array = (n) => crypto.getRandomValues(new Uint8Array(n))): string {
  return Array.from(random(10), (b) => CROCKFORD[b & 31]).join('');
}

/** Normalises a phone number as typed ("090 123 4567") to digits with an optional leading +. */
export function normalisePhone(s: string): string {
  return s.replace(/[\s.()-]/g, '');
}

/** Encodes a pass for drawing as a QR; throws when a field cannot be carried. */
export function encodePass(fields: PassFields): string {
  const name = cleanText(fields.name);
  const phone = fields.phone ? normalisePhone(fields.phone) : '';
  if (!PASS_ID_RE.test(fields.passId)) throw new Error('invalid pass id');
  if (!name || name.length > MAX_NAME_LENGTH || name.includes('|') || CONTROL_RE.test(name)) throw new Error('invalid name');
  if (phone && !PHONE_RE.test(phone)) throw new Error('invalid phone');
  const body = `${PASS_PREFIX}${PASS_VERSION}|${fields.passId}|${name}|${phone}`;
  return `${body}|${passCheck(body)}`;
}

/** Parses a Gatelog pass into a visitor keyed by its pass id. */
export function parsePass(text: string): ParseResult {
  if (text.length > MAX_CODE_LENGTH) return reject('tooLong');
  if (CONTROL_RE.test(text)) return reject('controlChars');
  const m = /^GLP(\d+)\|/.exec(text);
  if (!m || +m[1]! !== PASS_VERSION) return reject('passVersion');
  const fields = text.split('|');
  if (fields.length !== 5) return reject('passFields');
  const [, passId, rawName, phone, check] = fields as [string, string, string, string, string];
  if (passCheck(fields.slice(0, 4).join('|')) !== check) return reject('passCheck');
  const name = cleanText(rawName);
  if (!PASS_ID_RE.test(passId) || !name || name.length > MAX_NAME_LENGTH) return reject('passFields');
  if (phone && !PHONE_RE.test(phone)) return reject('passFields');
  const visitor: Visitor = { kind: 'pass', subject: passId, passId, name, ...(phone ? { phone } : {}) };
  return { ok: true, visitor };
}
