import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiErrorCode, ErrorBody } from '../../src/protocol';
import { ApiError } from '../lib/api-error';
import { globalPlugin } from './global-plugin';

/** Fastify's own client-error codes mapped to our stable `code` values. */
const FASTIFY_CODES: Record<string, ApiErrorCode> = {
  FST_ERR_CTP_BODY_TOO_LARGE: 'body_too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'bad_request',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'bad_request',
};

/**
 * PostgreSQL's class 22 "data exception" (SQLSTATE 22xxx): invalid byte sequence (NUL), numeric value out of range,
 * unsupported Unicode escape, … — raised by a value, never by the query itself.
 */
function isUnstorableValue(error: Error): error is Error & { code: string } {
  // Duck-typed (pg's DatabaseError carries `severity` and a 5-character SQLSTATE), so no driver import here.
  const code = 'code' in error ? error.code : undefined;
  return 'severity' in error && typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code);
}

/** Per client address. */
export const NOT_FOUND_RATE_LIMIT = { max: 60, timeWindow: '1 minute' } as const;

/** Turns any thrown error into `{ code, message }`; 5xx answers hide internals and are logged without the body. */
export const errorHandlerPlugin = globalPlugin(async (app: FastifyInstance) => {
  app.setErrorHandler((error: FastifyError | ApiError | Error, request, reply) => {
    if (error instanceof ApiError) {
      const body: ErrorBody = { code: error.code, message: error.message, ...(error.params ? { params: error.params } : {}) };
      return reply.status(error.statusCode).send(body);
    }
    if (isUnstorableValue(error)) {
      // A value the database cannot hold (NUL in PostgreSQL text, an integer past its column): the client's data,
      // not our fault, so a 4xx the client can act on instead of a retried 5xx (#10 item 1, fuzzing).
      request.log.warn({ code: error.code }, 'value the database cannot store');
      const body: ErrorBody = { code: 'unstorable_value', message: 'A value in this request cannot be stored (e.g. a NUL character or an out-of-range number).' };
      return reply.status(400).send(body);
    }
    const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) {
      // The error only (message, stack); never request.body, which holds visitors' data.
      request.log.error({ err: error }, 'request failed');
      const body: ErrorBody = { code: 'internal', message: 'Internal server error' };
      return reply.status(500).send(body);
    }
    const fastifyCode = 'code' in error && typeof error.code === 'string' ? error.code : '';
    const code: ApiErrorCode = status === 429
      ? 'rate_limited'
      : fastifyCode.startsWith('Z_')
      ? 'bad_encoding'
      : (FASTIFY_CODES[fastifyCode] ?? (error instanceof SyntaxError ? 'bad_json' : 'bad_request'));
    const body: ErrorBody = { code, message: error.message };
    return reply.status(status).send(body);
  });

  // 404s are rate-limited (when @fastify/rate-limit is registered): scanning for ids or paths gets slow fast.
  const notFoundLimit = app.hasDecorator('rateLimit') ? { preHandler: app.rateLimit(NOT_FOUND_RATE_LIMIT) } : {};
  app.setNotFoundHandler(notFoundLimit, (request, reply) => {
    const body: ErrorBody = { code: 'not_found', message: `No route for ${request.method} ${request.url.split('?')[0]}` };
    return reply.status(404).send(body);
  });
});
