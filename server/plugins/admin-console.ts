import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance, FastifyReply } from 'fastify';

export interface AdminConsoleOptions {
  /** Vite's output folder, holding admin.html next to the kiosk's index.html. */
  root: string;
}

/**
 * The console's Content Security Policy: nothing inline, nothing from elsewhere. Names from QR codes are only
 * ever rendered as text; this is the second line of defence. `data:` images are the QR codes drawn in the page.
 */
export const ADMIN_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers every console page is sent with. */
export function setConsoleHeaders(reply: FastifyReply): FastifyReply {
  return reply
    .header('Content-Security-Policy', ADMIN_CSP)
    .header('X-Content-Type-Options', 'nosniff')
    .header('Referrer-Policy', 'no-referrer')
    .header('X-Frame-Options', 'DENY')
    .header('Cache-Control', 'no-cache');
}

/** Serves the admin console (dist/admin.html) at /admin/ with a strict CSP; /admin and /admin.html lead there. */
export async function adminConsolePlugin(app: FastifyInstance, opts: AdminConsoleOptions): Promise<void> {
  const file = path.join(opts.root, 'admin.html');
  app.get('/admin', async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin.html', async (_request, reply) => reply.redirect('/admin/'));
  app.get('/admin/', async (_request, reply) => {
    let html: string;
    try {
      html = await fs.readFile(file, 'utf8');
    } catch {
      return reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`The admin console is not built (no ${file}).\nRun \`npm run build\`, then restart the server.\n`);
    }
    return setConsoleHeaders(reply).type('text/html; charset=utf-8').send(html);
  });
}
