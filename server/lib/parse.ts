import type { z } from 'zod';
import type { ApiErrorCode } from '../../src/protocol/errors';
import { ApiError } from './api-error';

/** A short, value-free summary of why input failed a schema (safe to return and to log). */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`)
    .join('; ');
}

/** The distinct top-level fields a schema refused (`params.fields` of a 400: the client names them in its words). */
export function failedFields(error: z.ZodError): string {
  return [...new Set(error.issues.map((i) => String(i.path[0] ?? '')).filter(Boolean))].slice(0, 5).join(',');
}

/** Parses input with a schema or throws a 400 ApiError carrying `code` and the fields that failed. */
export function parseOr400<S extends z.ZodType>(schema: S, input: unknown, code: ApiErrorCode): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ApiError(400, code, describeIssues(result.error), { fields: failedFields(result.error) });
  return result.data;
}

/** Epoch ms of an optional, already-validated ISO date-time. */
export const msOf = (iso: string | undefined): number | undefined => (iso === undefined ? undefined : Date.parse(iso));
