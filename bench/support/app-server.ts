import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startServer, type ServerHandle } from '../../tests/support/server-process';

/** URL path of a built asset whose file name starts with `prefix` (hashed by Vite). */
export function builtAsset(prefix: string, ext = '.js'): string {
  const name = readdirSync(join(ROOT, 'dist/assets')).find((f) => f.startsWith(prefix) && f.endsWith(ext));
  if (!name) throw new Error(`no built asset ${prefix}*${ext}: run npm run build`);
  return `/assets/${name}`;
}

export { startServer, ROOT, type ServerHandle };
