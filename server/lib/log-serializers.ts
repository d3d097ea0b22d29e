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

/** Runs of six digits (ID numbers, phones) and email addresses inside free text. */
const PERSONAL_TEXT = /\d{6,}|[^\s@"'()<>=]+@[^\s@"'()<>=]+/g;

/** Free text with personal-looking runs replaced by `~`. */
export function redactText(text: string): string {
  return text.replace(PERSONAL_TEXT, '~');
}

/** Minimal shape of a logged error; drivers add fields such as PostgreSQL's `detail` (`Key (subject)=(…)`). */
export interface LoggedError {
  name?: string;
  message?: string;
  code?: unknown;
  stack?: string;
}

/**
 * Error log entry with only type, code, message and stack, the last two redacted: a database error's `detail`,
 * `where` or `parameters` can quote the row that failed, so they are never logged (issue #10).
 */
export function serializeError(err: LoggedError): { type: string; message: string; stack: string; [key: string]: unknown } {
  return {
    type: err.name ?? 'Error',
    ...(typeof err.code === 'string' ? { code: err.code } : {}),
    message: redactText(err.message ?? ''),
    stack: redactText(err.stack ?? ''),
  };
}
