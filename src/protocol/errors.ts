/**
 * Every `code` the server answers with, and the few parameters some carry. The server's `message` is English
 * for operators and logs; what a user reads is worded by the client from `code` + `params` in vi and en
 * (src/i18n/api-errors.ts, issue #11). A new code must be added here, and then typing forces its wording.
 */
export const API_ERROR_CODES = [
  // Requests
  'bad_request',
  'bad_query',
  'bad_json',
  'bad_encoding',
  'body_too_large',
  'unsupported_media_type',
  'unsupported_encoding',
  'unsupported_type',
  'not_found',
  'rate_limited',
  'too_many_requests',
  'unstorable_value',
  'internal',
  // Sessions and access
  'unauthorized',
  'invalid_credentials',
  'bad_origin',
  'forbidden',
  'read_only',
  // Kiosks and enrolment
  'bad_batch',
  'revoked',
  'device_unknown',
  'unknown_code',
  'code_used',
  'code_expired',
  // Organisations, passes
  'cycle',
  'too_deep',
  'conflict',
  'bad_pass',
  // Trace
  'trace_too_long',
  // Webhooks (issue #16)
  'webhook_address_refused',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

/** Values an error's wording may use (field names, limits, a reason); never personal data. */
export type ErrorParams = Record<string, string | number>;

/** Why a `forbidden` answer was given (`params.reason`). */
export const FORBIDDEN_REASONS = ['site_scope', 'org_scope', 'org_admin_only', 'own_root'] as const;
export type ForbiddenReason = (typeof FORBIDDEN_REASONS)[number];

/** Codes of a malformed roster row (src/protocol/roster-import.ts), worded by the console. */
export const ROSTER_ERROR_CODES = [
  'empty_file',
  'missing_columns',
  'too_many_rows',
  'column_count',
  'control_characters',
  'missing_code',
  'missing_name',
  'too_long',
  'duplicate_code',
  'unclosed_quote',
] as const;
export type RosterErrorCode = (typeof ROSTER_ERROR_CODES)[number];
