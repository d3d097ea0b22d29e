import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { loginRequestSchema, type LoginResponse } from '../../../src/protocol/admin';
import { SESSION_COOKIE, type MeResponse, type SessionResponse } from '../../../src/protocol/console';
import type { OkAnswer } from '../../../src/protocol/common-answers';
import { ApiError } from '../../lib/api-error';
import { parseOr400 } from '../../lib/parse';
import { isSecure } from '../../lib/request-origin';
import { hashPassword, verifyPassword } from '../../lib/passwords';
import { newToken, sha256 } from '../../lib/secrets';
import { adminToken } from '../../plugins/auth';
import type { Admin } from '../../repositories/admins';

/** Admin API tokens and console sessions live 12 hours. */
export const ADMIN_TOKEN_TTL_MS = 12 * 60 * 60 * 1000;

/**
 * Login throttle per (client address, email tried): enough for typos, too few for guessing; argon2id makes each try
 * slow anyway. Keyed by the email too so admins behind one proxy or NAT (trustProxy is off) do not lock each other out.
 */
export const LOGIN_RATE_LIMIT = { max: 10, timeWindow: '1 minute' } as const;

/**
 * A second throttle per client address alone, across every email tried (#10 item 11): one address cycling through
 * many emails is a password-spraying run. Loose enough for a few admins signing in behind one NAT.
 */
export const LOGIN_ADDRESS_RATE_LIMIT = { max: 30, timeWindow: '1 minute' } as const;

/** The throttle key of a login: address + the email tried (read after body parsing, hence a preHandler). */
function loginKey(request: FastifyRequest): string {
  const body = request.body as { email?: unknown } | null | undefined;
  const email = typeof body?.email === 'string' ? body.email.trim().toLowerCase().slice(0, 254) : '';
  return `${request.ip}|${email}`;
}

let dummyHash: Promise<string> | undefined;

/** Checks email + password and stores a new token's hash; the same path for bearer logins and console sessions. */
async function logIn(app: FastifyInstance, body: unknown): Promise<{ admin: Admin; token: string; expiresAt: number }> {
  const { email, password } = parseOr400(loginRequestSchema, body, 'bad_request');
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
  return { admin: found.admin, token, expiresAt };
}

function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/api/',
    httpOnly: true,
    sameSite: 'strict',
    secure: isSecure(request),
    expires: new Date(expiresAt),
  });
}

/**
 * POST /auth/login {email, password} → LoginResponse (bearer token, 12 h: API and CLI);
 * POST /auth/session → the same check, but the token goes into an HttpOnly cookie (the console);
 * GET /auth/me, DELETE /auth/session. Both logins are throttled per (address, email) and per address.
 */
export async function authRoutes(app: FastifyInstance, opts: { timeZone: string }): Promise<void> {
  // One limiter (one store) for both logins, as a preHandler: its key needs the parsed body.
  const perAddress = app.createRateLimit({ ...LOGIN_ADDRESS_RATE_LIMIT, keyGenerator: (request) => `login|${request.ip}` });
  const throttlePerAddress = async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const limit = await perAddress(request);
    if (limit.isAllowed || !limit.isExceeded) return;
    reply.header('retry-after', limit.ttlInSeconds);
    throw new ApiError(429, 'too_many_requests', `Too many sign-ins from this address; retry in ${limit.ttlInSeconds} s.`);
  };
  const throttled = { preHandler: [throttlePerAddress, app.rateLimit({ ...LOGIN_RATE_LIMIT, keyGenerator: loginKey })] };

  app.post('/auth/login', throttled, async (request): Promise<LoginResponse> => {
    const { admin, token, expiresAt } = await logIn(app, request.body);
    return { token, expiresAt, admin };
  });

  app.post('/auth/session', throttled, async (request, reply): Promise<SessionResponse> => {
    const { admin, token, expiresAt } = await logIn(app, request.body);
    setSessionCookie(request, reply, token, expiresAt);
    return { admin, expiresAt, timeZone: opts.timeZone };
  });

  app.get('/auth/me', { preHandler: app.requireAdmin }, async (request): Promise<MeResponse> => ({ admin: request.admin!, timeZone: opts.timeZone }));

  // Signs out the console's cookie session or revokes an API bearer token, whichever the request carries.
  app.delete('/auth/session', async (request, reply) => {
    const token = adminToken(request);
    if (token) await app.repos.admins.deleteToken(sha256(token));
    reply.clearCookie(SESSION_COOKIE, { path: '/api/' });
    return { ok: true } satisfies OkAnswer;
  });
}
