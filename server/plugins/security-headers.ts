import type { FastifyInstance } from 'fastify';
import { isSecure } from '../lib/request-origin';
import { globalPlugin } from './global-plugin';

/** Directives every page gets: no plugins, no <base>, forms only to us, never framed (clickjacking). */
const LOCKED_DOWN = ["object-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"];

/**
 * The kiosk's policy: the meta tag in index.html plus what only a header can say (frame-ancestors). The decoder
 * compiles WebAssembly ('wasm-unsafe-eval'), the camera streams into a <video> (mediastream:, blob:).
 */
export const KIOSK_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob: mediastream:",
  "connect-src 'self'",
  ...LOCKED_DOWN,
].join('; ');

/** The visitor-pass page (/pass) draws its QR code on a canvas and needs nothing else from anywhere. */
export const PASS_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  ...LOCKED_DOWN,
].join('; ');

/** Two years, as browsers' preload lists ask; only ever sent over TLS, where it means something. */
export const HSTS = 'max-age=63072000; includeSubDomains';

/** The policy of an HTML page by its path; the console (/admin/) sets its own stricter one first. */
function pagePolicy(url: string): string {
  const path = url.split('?')[0]!;
  return path === '/pass' || path === '/pass.html' ? PASS_CSP : KIOSK_CSP;
}

/**
 * Security headers on every response (#10 item 7): nosniff and no Referer everywhere, HSTS over TLS, and on every
 * HTML page a Content Security Policy and no framing — not only on the console.
 */
export const securityHeadersPlugin = globalPlugin(async (app: FastifyInstance) => {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Content-Type-Options', 'nosniff');
    if (!reply.hasHeader('Referrer-Policy')) reply.header('Referrer-Policy', 'no-referrer');
    if (isSecure(request)) reply.header('Strict-Transport-Security', HSTS);
    const type = reply.getHeader('content-type');
    if (typeof type === 'string' && type.startsWith('text/html')) {
      if (!reply.hasHeader('Content-Security-Policy')) reply.header('Content-Security-Policy', pagePolicy(request.url));
      reply.header('X-Frame-Options', 'DENY');
    }
  });
});
