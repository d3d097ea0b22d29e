import type { FastifyInstance } from 'fastify';
import { loginRequestSchema, type LoginResponse } from '../../../src/protocol/admin';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { newToken, sha256 } from '../../lib/secrets';

/** Admin API tokens live 12 hours. */
export const ADMIN_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

let dummyHash: Promise<string> | undefined;

/** POST /api/v1/auth/login {email, password} → LoginResponse (bearer token, 12 h). */
export async function authRoutes(app: FastifyInstance): Promise<void> {
  app.post('/auth/login', async (request): Promise<LoginResponse> => {
    const { email, password } = parseOr400(loginRequestSchema, request.body, 'bad_request');
    const found = await app.repos.admins.findForLogin(email);
    // Verify against a dummy hash for unknown emails too, so timing does not reveal which emails exist.
    dummyHash ??= hashPassword('not-a-password');
    const ok = await verifyPassword(found?.passwordHash ?? (await dummyHash), password);
    if (!found || !ok) throw new ApiError(401, 'invalid_credentials', 'Wrong email or password.');
    const now = Date.now();
    const token = newToken();
    const expiresAt = now + ADMIN_TOKEN_TTL_MS;
    await app.repos.admins.purgeExpiredTokens(now);
    await app.repos.admins.addToken(found.admin.id, sha256(token), expiresAt, now);
    return { token, expiresAt, admin: found.admin };
  });
}
