import { MAX_CODE_LENGTH } from '../protocol/visitor-limits';
import { CONTROL_RE, reject, type ParseResult } from './parse-result';

/**
 * Any code we do not understand (a school badge, a number): logged as-is, marked unrecognised.
 * Bounded so a 3 KB blob cannot bloat the log; control characters mean binary junk, not a badge.
 */
export function parseOpaque(text: string): ParseResult {
  const code = text.trim();
  if (code === '') return reject('empty');
  if (code.length > MAX_CODE_LENGTH) return reject('tooLong');
  if (CONTROL_RE.test(code)) return reject('controlChars');
  return { ok: true, visitor: { kind: 'opaque', subject: code } };
}
