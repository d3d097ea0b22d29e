import type { FastifyRequest } from 'fastify';

/** Whether the client reached us over TLS: directly, or through a proxy saying so (README: HTTPS). */
export function isSecure(request: FastifyRequest): boolean {
  return request.protocol === 'https' || request.headers['x-forwarded-proto'] === 'https';
}

/** This server's origin as the client sees it (scheme, host, port), or undefined without a usable Host header. */
export function ownOrigin(request: FastifyRequest): string | undefined {
  const host = request.headers.host;
  if (!host) return undefined;
  try {
    // URL normalises a default port away (https://h:443 → https://h), as browsers do in the Origin header.
    return new URL(`${isSecure(request) ? 'https' : 'http'}://${host}`).origin;
  } catch {
    return undefined;
  }
}

/** Whether an Origin header names exactly this server: same scheme, host and port (#10 item 9). */
export function isSameOrigin(request: FastifyRequest, origin: string): boolean {
  let theirs: string;
  try {
    theirs = new URL(origin).origin;
  } catch {
    return false;
  }
  return theirs !== 'null' && theirs === ownOrigin(request);
}
