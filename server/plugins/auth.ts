import type { FastifyInstance, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../../src/protocol/console';
import { DEVICE_ERROR } from '../../src/protocol/sync';
import { CallerScope } from '../access/caller-scope';
import { ApiError } from '../lib/api-error';
import { isSameOrigin } from '../lib/request-origin';
import { sha256 } from '../lib/secrets';
import type { Admin } from '../repositories/admins';
import type { Device } from '../repositories/devices';
import { globalPlugin } from './global-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: the request must carry a live kiosk token; sets `request.device`. */
    requireDevice: (request: FastifyRequest) => Promise<void>;
    /** preHandler: an unexpired admin token (bearer, or the console's session cookie); sets `request.admin` and `request.scope`. */
    requireAdmin: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    device: Device | null;
    admin: Admin | null;
    /** What the signed-in admin may see and change: the one place scope is decided. */
    scope: CallerScope | null;
  }
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** The admin token of a request: the bearer header (API, CLI) or else the console's HttpOnly session cookie. */
export function adminToken(request: FastifyRequest): string | undefined {
  return bearerToken(request) ?? request.cookies[SESSION_COOKIE] ?? undefined;
}

/** Refuses a request whose Origin header names another site (a forged form or fetch riding the cookie). */
function assertSameOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (!isSameOrigin(request, origin)) throw new ApiError(403, 'bad_origin', 'Cross-site request refused.');
}

/** Bearer-token checks for kiosks and admins; tokens are looked up by SHA-256 hash only. */
export const authPlugin = globalPlugin(async (app: FastifyInstance) => {
  app.decorateRequest('device', null);
  app.decorateRequest('admin', null);
  app.decorateRequest('scope', null);

  app.decorate('requireDevice', async (request: FastifyRequest) => {
    const token = bearerToken(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'Missing bearer token; enrol this kiosk first.');
    const device = await app.repos.devices.findByTokenHash(sha256(token));
    if (!device) throw new ApiError(401, DEVICE_ERROR.unknown, 'This server does not know this kiosk; enrol it again.');
    if (device.revokedAt !== null) throw new ApiError(401, DEVICE_ERROR.revoked, 'This kiosk was revoked by an administrator.');
    request.device = device;
  });

  app.decorate('requireAdmin', async (request: FastifyRequest) => {
    const token = adminToken(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'Missing bearer token; log in first.');
    const admin = await app.repos.admins.findByToken(sha256(token));
    if (!admin) throw new ApiError(401, 'unauthorized', 'Session expired or unknown; log in again.');
    // Cookie sessions are SameSite=Strict; a change sent with the cookie must also come from our own origin.
    if (!bearerToken(request) && !['GET', 'HEAD'].includes(request.method)) assertSameOrigin(request);
    request.admin = admin;
    request.scope = new CallerScope(app.repos, admin);
  });
});
