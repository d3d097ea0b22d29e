import type { ApiErrorCode, ErrorParams } from '../../src/protocol/errors';

/**
 * An error that reaches the client as `{ code, message, params }` with its HTTP status (see errorBodySchema).
 * `code` is one of API_ERROR_CODES, which clients word in vi and en; `message` is English, for operators.
 */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly params?: ErrorParams,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
