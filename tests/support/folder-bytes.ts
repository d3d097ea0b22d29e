import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Bytes under a folder (files only, as `du --apparent-size` would count them). */
export function folderBytes(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) total += folderBytes(full);
    else if (entry.isFile()) total += statSync(full).size;
  }
  return total;
}
