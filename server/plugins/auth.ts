import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ApiError } from '../lib/api-error';
import { sha256 } from '../lib/secrets';
import type { Admin } from '../repositories/admins';
import type { Device } from '../repositories/devices';
import { globalPlugin } from './global-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** preHandler: the request must carry a live kiosk token; sets `request.device`. */
    requireDevice: (request: FastifyRequest) => Promise<void>;
    /** preHandler: the request must carry an unexpired admin token; sets `request.admin`. */
    requireAdmin: (request: FastifyRequest) => Promise<void>;
  }
  interface FastifyRequest {
    device: Device | null;
    admin: Admin | null;
  }
}

/** The token of an `Authorization: Bearer <token>` header, if any. */
export function bearerToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  const match = header === undefined ? null : /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

/** Bearer-token checks for kiosks and admins; tokens are looked up by SHA-256 hash only. */
export const authPlugin = globalPlugin(async (app: FastifyInstance) => {
  app.decorateRequest('device', null);
  app.decorateRequest('admin', null);

  app.decorate('requireDevice', async (request: FastifyRequest) => {
    const token = bearerToken(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'Missing bearer token; enrol this kiosk first.');
    const device = await app.repos.devices.findByTokenHash(sha256(token));
    if (!device) throw new ApiError(401, 'unauthorized', 'Unknown device token; enrol this kiosk again.');
    if (device.revokedAt !== null) throw new ApiError(401, 'revoked', 'This kiosk was revoked by an administrator.');
    request.device = device;
  });

  app.decorate('requireAdmin', async (request: FastifyRequest) => {
    const token = bearerToken(request);
    if (!token) throw new ApiError(401, 'unauthorized', 'Missing bearer token; log in first.');
    const admin = await app.repos.admins.findByToken(sha256(token));
    if (!admin) throw new ApiError(401, 'unauthorized', 'Session expired or unknown; log in again.');
    request.admin = admin;
  });
});
