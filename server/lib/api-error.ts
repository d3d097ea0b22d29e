/** An error that reaches the client as `{ code, message }` with its HTTP status (see errorBodySchema). */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}
