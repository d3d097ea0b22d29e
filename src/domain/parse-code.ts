import { looksLikeCccd, parseCccd } from './cccd';
import { parseOpaque } from './opaque';
import { looksLikePass, parsePass } from './pass';
import type { ParseResult } from './parse-result';
import type { PassSignatureClaim } from './pass';

/** Routes decoded QR text to the parser of its format; unknown formats become opaque codes. */
export function parseCode(text: string, now?: Date): ParseResult & { claim?: PassSignatureClaim } {
  if (looksLikePass(text)) return parsePass(text);
  if (looksLikeCccd(text)) return parseCccd(text, now);
  return parseOpaque(text);
}
