import type { FastifyInstance } from 'fastify';
import type { LoginResponse } from '../../src/protocol/admin';
import { hashPassword } from '../lib/passwords';

export const TEST_PASSWORD = 'correct horse battery';

/** Creates an admin of `orgId` and logs in through the API; returns the bearer header. */
export async function loginAdmin(app: FastifyInstance, orgId: string, email: string): Promise<string> {
  await app.repos.admins.create({ orgId, email, passwordHash: await hashPassword(TEST_PASSWORD) });
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password: TEST_PASSWORD } });
  if (res.statusCode !== 200) throw new Error(`login failed: ${res.body}`);
  return `Bearer ${(res.json() as LoginResponse).token}`;
}
