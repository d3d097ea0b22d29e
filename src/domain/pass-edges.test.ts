import { generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH } from '../protocol/visitor-limits';
import { encodePass, looksLikePass, newPassId, normalisePhone, parsePass, passCheck, signedPassBody } from './pass';
import { checkPassSignature, yyyymmdd } from './pass-signature';

// Edges of Gatelog passes a visitor or an admin meets (pass.test.ts and pass-signature.test.ts hold the main cases).
const passId = '7K3M9Q2XAB';
const SIG = 'A'.repeat(86);
/** A self-issued pass text with a correct check value, whatever its fields (the parser must still vet them). */
const withCheck = (body: string) => `${body}|${passCheck(body)}`;

describe('self-issued pass edges', () => {
  it('keeps its check value from one release to the next (printed passes stay valid)', () => {
    // FNV-1a 32 over the UTF-8 bytes, 5 bits a letter from the low end (computed independently of this code).
    expect(passCheck('')).toBe('5E7SH0');
    expect(passCheck('GLP1|7K3M9Q2XAB|Lê Văn Tám|0912345678|')).toBe('0H5N8A');
  });

  it('makes pass ids from the 32 Crockford letters, never I, L, O or U', () => {
    expect(newPassId(() => Uint8Array.from([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]))).toBe('0123456789');
    expect(newPassId(() => Uint8Array.from([10, 17, 18, 20, 22, 26, 27, 31, 32 + 10, 255]))).toBe('AHJMPTVZAZ');
  });

  it('normalises a phone typed with spaces, dots, dashes and brackets', () => {
    expect(normalisePhone('(090) 123-45.67')).toBe('0901234567');
    expect(normalisePhone('+84 90 123 4567')).toBe('+84901234567');
  });

  it.each([
    ['8 digits', '12345678', true],
    ['15 digits', '123456789012345', true],
    ['a leading +', '+84901234567', true],
    ['7 digits', '1234567', false],
    ['16 digits', '1234567890123456', false],
    ['a + inside', '0901+234567', false],
  ])('takes a phone of %s: %s', (_label, phone, ok) => {
    const make = () => encodePass({ passId, name: 'A', phone });
    if (ok) expect(parsePass(make())).toMatchObject({ ok: true, visitor: { phone } });
    else expect(make).toThrow('invalid phone');
  });

  it('takes a 9-digit ID number and trims one typed with spaces', () => {
    expect(parsePass(encodePass({ passId, name: 'A', idNumber: '025123456' }))).toMatchObject({ ok: true, visitor: { idNumber: '025123456' } });
    expect(encodePass({ passId, name: 'A', idNumber: ' 079190012345 ' })).toContain('|079190012345|');
    expect(() => encodePass({ passId, name: 'A', idNumber: '0791900123' })).toThrow('invalid ID number');
  });

  it('says which field a pass cannot carry (the console shows it by the field)', () => {
    expect(() => encodePass({ passId: 'short', name: 'A' })).toThrow('invalid pass id');
  });

  it('refuses to encode a name it could not carry: too long, or with control characters', () => {
    expect(encodePass({ passId, name: 'A'.repeat(MAX_NAME_LENGTH) })).toContain('A'.repeat(MAX_NAME_LENGTH));
    expect(() => encodePass({ passId, name: 'A'.repeat(MAX_NAME_LENGTH + 1) })).toThrow('invalid name');
    expect(() => encodePass({ passId, name: 'A\u0007B' })).toThrow('invalid name');
  });

  it('refuses a pass whose check holds but whose fields do not', () => {
    expect(parsePass(withCheck(`GLP1|${passId}|${'A'.repeat(MAX_NAME_LENGTH + 1)}||`))).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(withCheck(`GLP1|${passId}|   ||`))).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(withCheck(`GLP1|${passId}|A|12||`))).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(withCheck(`GLP1|${passId}|A||1234`))).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(withCheck('GLP1|7K3M9Q2XAI|A||'))).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(withCheck(`GLP1|${passId}|A|||x`))).toEqual({ ok: false, reason: 'passFields' });
  });

  it('collapses spaces in a parsed name', () => {
    expect(parsePass(withCheck(`GLP1|${passId}|  Lê   Văn  ||`))).toMatchObject({ ok: true, visitor: { name: 'Lê Văn' } });
  });

  it('knows a pass by its prefix, any version, signed or not', () => {
    expect(looksLikePass('GLP1|x')).toBe(true);
    expect(looksLikePass('GLS12|x')).toBe(true);
    expect(looksLikePass('GLX1|x')).toBe(false);
    expect(looksLikePass('GLP|x')).toBe(false);
    expect(looksLikePass(' GLP1|x')).toBe(false);
    expect(parsePass(withCheck(`GLS2|${passId}|A||`))).toEqual({ ok: false, reason: 'passVersion' });
  });
});

describe('signed pass edges', () => {
  const body = signedPassBody({ passId, name: 'Nhà thầu B', phone: '0912345678' }, '20261231', 'k1');

  it('claims exactly what the signature covers, the key and the end date', () => {
    expect(body).toBe(`GLS1|${passId}|Nhà thầu B|0912345678||20261231|k1`);
    expect(parsePass(`${body}|${SIG}`)).toEqual({
      ok: true,
      visitor: { kind: 'pass', subject: passId, passId, name: 'Nhà thầu B', phone: '0912345678' },
      claim: { kid: 'k1', validUntil: '20261231', signedText: body, signature: SIG },
    });
  });

  it('refuses to sign a malformed end date or key id', () => {
    expect(() => signedPassBody({ passId, name: 'A' }, '2026123', 'k1')).toThrow('invalid validUntil');
    expect(() => signedPassBody({ passId, name: 'A' }, '2026-12-31', 'k1')).toThrow('invalid validUntil');
    expect(() => signedPassBody({ passId, name: 'A' }, '', '')).toThrow('invalid key id');
    expect(() => signedPassBody({ passId, name: 'A' }, '', 'k'.repeat(17))).toThrow('invalid key id');
    expect(() => signedPassBody({ passId, name: 'A' }, '', 'k|1')).toThrow('invalid key id');
    expect(signedPassBody({ passId, name: 'A' }, '', 'k'.repeat(16))).toMatch(/\|k{16}$/);
  });

  it('refuses a signed pass with a wrong field count, a bad end date or a signature of the wrong length', () => {
    expect(parsePass(`${body}|${SIG}|x`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`GLS1|${passId}|A||||${SIG}`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`GLS1|${passId}|A|||2026|k1|${SIG}`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`GLS1|${passId}|A|||abcdefgh|k1|${SIG}`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`${body}|${SIG.slice(1)}`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`${body}|${SIG}A`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`${body}|${SIG.slice(1)}+`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`GLS1|${passId}|A|12|||k1|${SIG}`)).toEqual({ ok: false, reason: 'passFields' });
  });

  it('takes a signed pass that never expires', () => {
    const forever = signedPassBody({ passId, name: 'A' }, '', 'k1');
    expect(parsePass(`${forever}|${SIG}`)).toMatchObject({ ok: true, claim: { validUntil: '' } });
  });

  it('compares end dates by the local calendar day, zero-padded', () => {
    expect(yyyymmdd(new Date(2026, 0, 5, 23, 59))).toBe('20260105');
    expect(yyyymmdd(new Date(2026, 11, 31, 0, 0))).toBe('20261231');
  });
});

describe('signed pass keys and signatures in base64url', () => {
  it('verifies a key and a signature that use both URL-safe letters (- and _)', async () => {
    // Keys and signatures are random: draw until both hold a '-' and a '_', which plain base64 would read wrong.
    for (let attempt = 0; ; attempt++) {
      const { publicKey, privateKey } = generateKeyPairSync('ed25519');
      const raw = publicKey.export({ format: 'jwk' }).x!;
      const body = signedPassBody({ passId, name: `Khách ${attempt}` }, '', 'k1');
      const signature = sign(null, Buffer.from(body, 'utf8'), privateKey).toString('base64url');
      if (!/-/.test(raw) || !/_/.test(raw) || !/-/.test(signature) || !/_/.test(signature)) continue;
      const claim = parsePass(`${body}|${signature}`).claim!;
      expect(await checkPassSignature(claim, [{ kid: 'k1', publicKey: raw }])).toBeNull();
      break;
    }
  });
});

describe('pass bounds and anchors', () => {
  it('takes a parsed name of exactly the maximum length, and calls only a longer text too long', () => {
    const name = 'A'.repeat(MAX_NAME_LENGTH);
    expect(parsePass(withCheck(`GLP1|${passId}|${name}||`))).toMatchObject({ ok: true, visitor: { name } });
    // 512 characters is not too long (it is refused for its fields); 513 is.
    expect(parsePass(`GLP1|${'x'.repeat(507)}`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`GLP1|${'x'.repeat(508)}`)).toEqual({ ok: false, reason: 'tooLong' });
  });

  it('refuses a pass prefix that does not start the text, and end dates of other than 8 digits', () => {
    expect(parsePass(withCheck(`xGLP1|${passId}|A||`))).toEqual({ ok: false, reason: 'passVersion' });
    expect(() => signedPassBody({ passId, name: 'A' }, '120261231', 'k1')).toThrow('invalid validUntil');
    expect(() => signedPassBody({ passId, name: 'A' }, '20261231x', 'k1')).toThrow('invalid validUntil');
    expect(parsePass(`GLS1|${passId}|A|||120261231|k1|${SIG}`)).toEqual({ ok: false, reason: 'passFields' });
    expect(parsePass(`GLS1|${passId}|A|||20261231x|k1|${SIG}`)).toEqual({ ok: false, reason: 'passFields' });
  });

  it('refuses a pass whose site key cannot be read', async () => {
    const claim = parsePass(`${signedPassBody({ passId, name: 'A' }, '', 'k1')}|${SIG}`).claim!;
    expect(await checkPassSignature(claim, [{ kid: 'k1', publicKey: '!!!' }])).toBe('passSignature');
  });
});
