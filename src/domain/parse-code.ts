import { looksLikeCccd, parseCccd } from './cccd';
import { parseOpaque } from './opaque';
import { looksLikePass, parsePass } from './pass';
import type { ParseResult } from './parse-result';

/** Routes decoded QR text to the parser of its format; unknown formats become opaque codes. */
export function parseCode(text: string, now?: Date): ParseResult {
  if (looksLikePass(text)) return parsePass(text);
  if (looksLikeCccd(text)) return parseCccd(text, now);
  return parseOpaque(text);
}
