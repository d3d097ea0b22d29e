import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import type { PassKey } from '../../src/protocol/site-config';
import type { IssuePassRequest, IssuedPass } from '../../src/protocol/passes';
import { newPassId, normalisePhone, signedPassBody } from '../../src/domain/pass';
import type { Repositories } from '../repositories';
import { randomBase32 } from '../lib/secrets';
import { ApiError } from '../lib/api-error';

/** Creates and stores a new Ed25519 key pair: public key raw base64url (the JWK `x`), private key PKCS#8. */
async function createKey(repos: Repositories, now: number) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const key = {
    kid: randomBase32(8),
    public_key: publicKey.export({ format: 'jwk' }).x!,
    private_key: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
    created_at: now,
  };
  await repos.passKeys.add(key);
  return key;
}

/** The keys kiosks trust (every key not retired), in the wire shape. */
export async function publishedPassKeys(repos: Repositories): Promise<PassKey[]> {
  return (await repos.passKeys.listActive()).map((k) => ({ kid: k.kid, publicKey: k.public_key }));
}

/** The signing key: the oldest active one, created on first need. */
async function signingKey(repos: Repositories, now: number) {
  return (await repos.passKeys.listActive())[0] ?? (await createKey(repos, now));
}

/**
 * Issues a signed pass (`GLS1|…|kid|sig`, src/domain/pass.ts) that kiosks verify offline with the published key,
 * and records it for data requests. Throws a 400 when a field cannot be carried by a pass.
 */
export async function issueSignedPass(
  repos: Repositories,
  input: IssuePassRequest & { siteId: string; issuedBy: string },
  now = Date.now(),
): Promise<IssuedPass> {
  const key = await signingKey(repos, now);
  const passId = newPassId();
  const phone = input.phone ? normalisePhone(input.phone) : undefined;
  const idNumber = input.idNumber || undefined;
  let body: string;
  try {
    body = signedPassBody({ passId, name: input.name, ...(phone ? { phone } : {}), ...(idNumber ? { idNumber } : {}) }, input.validUntil?.replace(/-/g, '') ?? '', key.kid);
  } catch (err) {
    // `invalid phone` → field `phone`: the console says which field in the admin's language.
    const field = /invalid (name|phone|ID number|validUntil)/.exec((err as Error).message)?.[1]?.replace('ID number', 'idNumber') ?? 'pass';
    throw new ApiError(400, 'bad_pass', `This pass cannot be issued: ${(err as Error).message}.`, { field });
  }
  const privateKey = createPrivateKey({ key: Buffer.from(key.private_key, 'base64'), format: 'der', type: 'pkcs8' });
  const text = `${body}|${sign(null, Buffer.from(body, 'utf8'), privateKey).toString('base64url')}`;
  await repos.issuedPasses.add({
    pass_id: passId,
    site_id: input.siteId,
    kid: key.kid,
    name: body.split('|')[2]!,
    phone: phone ?? null,
    id_number: idNumber ?? null,
    valid_until: input.validUntil ?? null,
    issued_by: input.issuedBy,
    issued_at: now,
  });
  return { text, passId };
}
