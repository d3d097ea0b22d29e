/** Minimal shape of what Fastify hands the `req` serializer. */
export interface LoggedRequest {
  method?: string;
  url?: string;
  ip?: string;
}

/** Drops the query string: /api/v1/trace?subject=<ID number> must never reach the logs. */
export function stripQuery(url: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}

/**
 * A path segment that may be personal data: six digits in a row (ID numbers, phones, CCCD, pass numbers), an `@`
 * (emails), or percent-encoded text (names). Our own ids are base32 with a type prefix and rarely match; when one
 * does, the log loses an id, never a person.
 */
const PERSONAL_SEGMENT = /\d{6}|@|%/;

/** The path with every segment that may be personal data replaced by `~` (issue #10: a second line behind POST bodies). */
export function redactPath(path: string | undefined): string | undefined {
  if (path === undefined) return undefined;
  return path
    .split('/')
    .map((segment) => (PERSONAL_SEGMENT.test(segment) ? '~' : segment))
    .join('/');
}

/** Request log line without query string, headers, body or personal-looking path segments (no personal data in logs). */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: redactPath(stripQuery(req.url)), remoteAddress: req.ip };
}
