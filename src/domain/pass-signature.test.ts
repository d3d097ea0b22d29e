import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PassKey } from '../protocol/site-config';
import { parseCode } from './parse-code';
import { signedPassBody } from './pass';
import { checkPassSignature } from './pass-signature';

/** Signs like the server does (Node's Ed25519), so the kiosk's WebCrypto check is tested against it. */
function issuer(kid: string) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = publicKey.export({ format: 'jwk' }).x!;
  const key: PassKey = { kid, publicKey: raw };
  const issue = (fields: Parameters<typeof signedPassBody>[0], validUntil = '') => {
    const body = signedPassBody(fields, validUntil, kid);
    return `${body}|${sign(null, Buffer.from(body, 'utf8'), privateKey).toString('base64url')}`;
  };
  return { key, issue };
}

const passId = '7K3M9Q2XAB';
const NOW = new Date(2026, 10, 26, 12);

describe('admin-issued signed passes', () => {
  const a = issuer('k1');
  it('parses into a pass visitor and verifies offline', async () => {
    const text = a.issue({ passId, name: 'Nhà thầu Trần Văn Bình', phone: '0912345678' }, '20261231');
    const r = parseCode(text);
    expect(r).toMatchObject({ ok: true, visitor: { kind: 'pass', subject: passId, name: 'Nhà thầu Trần Văn Bình', phone: '0912345678' } });
    expect(await checkPassSignature(r.claim!, [a.key], NOW)).toBeNull();
  });
  it('refuses a tampered name, an unknown key and an expired pass', async () => {
    const text = a.issue({ passId, name: 'Trần Văn Bình' }, '20261125');
    const tampered = parseCode(text.replace('Bình', 'Binh'));
    expect(await checkPassSignature(tampered.claim!, [a.key], new Date(2026, 10, 20))).toBe('passSignature');
    const other = issuer('k2');
    expect(await checkPassSignature(parseCode(other.issue({ passId, name: 'X' })).claim!, [a.key], NOW)).toBe('passKeyUnknown');
    const forged = issuer('k1'); // same kid, different private key
    expect(await checkPassSignature(parseCode(forged.issue({ passId, name: 'X' })).claim!, [a.key], NOW)).toBe('passSignature');
    expect(await checkPassSignature(parseCode(text).claim!, [a.key], NOW)).toBe('passExpired');
    expect(await checkPassSignature(parseCode(text).claim!, [a.key], new Date(2026, 10, 25, 23))).toBeNull();
  });
  it('refuses a malformed signature field before any crypto', () => {
    expect(parseCode(`${signedPassBody({ passId, name: 'A' }, '', 'k1')}|short`)).toEqual({ ok: false, reason: 'passFields' });
  });
});
