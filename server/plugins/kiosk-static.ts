import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

export interface KioskStaticOptions {
  /** Vite's output folder (index.html, sw.js, assets/). */
  root: string;
}

const LONG_CACHE = 'public, max-age=31536000, immutable';
const NO_CACHE = 'no-cache';

/** Hashed files under assets/ never change; everything else (index.html, sw.js, manifest) must revalidate. */
export function cacheControlFor(root: string, filePath: string): string {
  const relative = path.relative(root, filePath).split(path.sep).join('/');
  return relative.startsWith('assets/') ? LONG_CACHE : NO_CACHE;
}

/** Serves the built kiosk app at `/`, or a clear 503 when it has not been built. */
export async function kioskStaticPlugin(app: FastifyInstance, opts: KioskStaticOptions): Promise<void> {
  if (!fs.existsSync(path.join(opts.root, 'index.html'))) {
    app.get('/', async (_request, reply) =>
      reply
        .status(503)
        .type('text/plain; charset=utf-8')
        .send(`The kiosk app is not built (no ${path.join(opts.root, 'index.html')}).\nRun \`npm run build\`, then restart the server.\n`),
    );
    return;
  }
  await app.register(fastifyStatic, {
    root: opts.root,
    prefix: '/',
    // dist/ holds a .br and a .gz beside each text file and the .wasm (vite.config.ts): sent as they are (#11).
    preCompressed: true,
    cacheControl: false,
    // Vite writes source maps next to each bundle; they stay on the build machine, never served (#10 item 7).
    allowedPath: (pathName) => !pathName.endsWith('.map'),
    setHeaders: (reply, filePath) => {
      reply.header('Cache-Control', cacheControlFor(opts.root, filePath));
    },
  });
  // The visitor-pass page (#6): a short address to print on a gate sign.
  app.get('/pass', async (_request, reply) => reply.header('Cache-Control', NO_CACHE).sendFile('pass.html'));
}
