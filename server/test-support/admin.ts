import type { FastifyInstance } from 'fastify';
import type { AdminRole, LoginResponse } from '../../src/protocol/admin';
import { hashPassword } from '../lib/passwords';

export const TEST_PASSWORD = 'correct horse battery';

let cachedHash: Promise<string> | undefined;

/** Creates an admin of `orgId` (an org admin unless told otherwise) and logs in through the API; returns the bearer header. */
export async function loginAdmin(
  app: FastifyInstance,
  orgId: string,
  email: string,
  opts: { role?: AdminRole; siteId?: string } = {},
): Promise<string> {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  await app.repos.admins.create({ orgId, email, passwordHash: await cachedHash, ...opts });
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return `Bearer ${(res.json() as LoginResponse).token}`;
}
