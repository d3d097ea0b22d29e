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

/** Request log line without query string, headers or body (no personal data in logs). */
export function serializeRequest(req: LoggedRequest): Record<string, unknown> {
  return { method: req.method, url: stripQuery(req.url), remoteAddress: req.ip };
}
