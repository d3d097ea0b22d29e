import { MAX_CODE_LENGTH, MAX_NAME_LENGTH } from '../protocol/visitor-limits';
import type { Visitor } from '../protocol/visitor';
import { CONTROL_RE, cleanText, reject, type ParseResult } from './parse-result';

/**
 * Gatelog visitor passes.
 * - Self-issued, version 1: `GLP1|<passId>|<name>|<phone>|<idNumber>|<check>` — `check` (FNV-1a of
 *   everything before it, 6 Crockford base32 chars) catches a hand-copied typo or an edited field.
 * - Admin-issued, signed, version 1: `GLS1|<passId>|<name>|<phone>|<idNumber>|<validUntil YYYYMMDD>|<kid>|<sig>`
 *   — `sig` is Ed25519 over everything before the last `|`, verified offline with the site's keys.
 */
export const PASS_PREFIX = 'GLP';
export const SIGNED_PASS_PREFIX = 'GLS';
export const PASS_VERSION = 1;

const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const PASS_ID_RE = /^[0-9A-HJKMNP-TV-Z]{10}$/;
const PHONE_RE = /^\+?[0-9]{8,15}$/;
const ID_NUMBER_RE = /^(\d{9}|\d{12})$/;

export interface PassFields {
  passId: string;
  name: string;
  phone?: string;
  idNumber?: string;
}

/** True when the text claims to be a Gatelog pass (any version, signed or not), so a broken one is refused, not logged raw. */
export function looksLikePass(text: string): boolean {
  return /^GL[PS]\d+\|/.test(text);
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

/** The shared fields of both pass kinds, validated and normalised; throws on what a pass cannot carry. */
function passBody(prefix: string, fields: PassFields): string {
  const name = cleanText(fields.name);
  const phone = fields.phone ? normalisePhone(fields.phone) : '';
  const idNumber = fields.idNumber?.trim() ?? '';
  if (!PASS_ID_RE.test(fields.passId)) throw new Error('invalid pass id');
  if (!name || name.length > MAX_NAME_LENGTH || name.includes('|') || CONTROL_RE.test(name)) throw new Error('invalid name');
  if (phone && !PHONE_RE.test(phone)) throw new Error('invalid phone');
  if (idNumber && !ID_NUMBER_RE.test(idNumber)) throw new Error('invalid ID number');
  return `${prefix}${PASS_VERSION}|${fields.passId}|${name}|${phone}|${idNumber}`;
}

/** Encodes a self-issued pass for drawing as a QR; throws when a field cannot be carried. */
export function encodePass(fields: PassFields): string {
  const body = passBody(PASS_PREFIX, fields);
  return `${body}|${passCheck(body)}`;
}

/** The part of a signed pass that its signature covers (everything but the signature). */
export function signedPassBody(fields: PassFields, validUntil: string, kid: string): string {
  if (validUntil && !/^\d{8}$/.test(validUntil)) throw new Error('invalid validUntil');
  if (!/^[0-9A-Za-z_-]{1,16}$/.test(kid)) throw new Error('invalid key id');
  return `${passBody(SIGNED_PASS_PREFIX, fields)}|${validUntil}|${kid}`;
}

/** What the kiosk must still check, asynchronously, before logging a signed pass. */
export interface PassSignatureClaim {
  kid: string;
  /** YYYYMMDD, or '' when the pass does not expire. */
  validUntil: string;
  signedText: string;
  signature: string;
}

export type PassParseResult = ParseResult & { claim?: PassSignatureClaim };

function visitorFrom(passId: string, rawName: string, phone: string, idNumber: string): Visitor | null {
  const name = cleanText(rawName);
  if (!PASS_ID_RE.test(passId) || !name || name.length > MAX_NAME_LENGTH) return null;
  if (phone && !PHONE_RE.test(phone)) return null;
  if (idNumber && !ID_NUMBER_RE.test(idNumber)) return null;
  return { kind: 'pass', subject: passId, passId, name, ...(phone ? { phone } : {}), ...(idNumber ? { idNumber } : {}) };
}

/** Parses either kind of Gatelog pass into a visitor keyed by its pass id; a signed one carries its claim. */
export function parsePass(text: string): PassParseResult {
  if (text.length > MAX_CODE_LENGTH) return reject('tooLong');
  if (CONTROL_RE.test(text)) return reject('controlChars');
  const m = /^GL([PS])(\d+)\|/.exec(text);
  if (!m || +m[2]! !== PASS_VERSION) return reject('passVersion');
  const fields = text.split('|');
  if (m[1] === 'P') {
    if (fields.length !== 6) return reject('passFields');
    const [, passId, name, phone, idNumber, check] = fields as [string, string, string, string, string, string];
    if (passCheck(fields.slice(0, 5).join('|')) !== check) return reject('passCheck');
    const visitor = visitorFrom(passId, name, phone, idNumber);
    return visitor ? { ok: true, visitor } : reject('passFields');
  }
  if (fields.length !== 8) return reject('passFields');
  const [, passId, name, phone, idNumber, validUntil, kid, signature] = fields as [string, string, string, string, string, string, string, string];
  const visitor = visitorFrom(passId, name, phone, idNumber);
  if (!visitor || (validUntil && !/^\d{8}$/.test(validUntil)) || !/^[0-9A-Za-z_-]{86}$/.test(signature)) return reject('passFields');
  return { ok: true, visitor, claim: { kid, validUntil, signedText: fields.slice(0, 7).join('|'), signature } };
}
