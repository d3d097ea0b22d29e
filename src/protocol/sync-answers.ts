import * as z from 'zod/mini';

// zod/mini, not classic zod: these are what the kiosk and its service worker parse, and classic zod would be a
// quarter of the service worker (issue #11). Classic schemas may still embed them (the server's own schemas do).

export const RECORD_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const recordResultSchema = z.object({
  /** Position of the record in the batch: how the kiosk matches answers to records. */
  index: z.int().check(z.minimum(0)),
  /**
   * Only on rejections: the record's id, or null when it was too broken to carry one. Omitted for
   * accepted and duplicate records to keep answers small on 2G/3G (bench/sync.ts).
   */
  id: z.optional(z.nullable(z.string())),
  status: z.enum(RECORD_STATUSES),
  reason: z.optional(z.string()),
});
export type RecordResult = z.infer<typeof recordResultSchema>;

export const pushResponseSchema = z.object({
  /** Server clock, epoch ms: the kiosk keeps `serverTime - now` as its clock offset. */
  serverTime: z.number(),
  results: z.array(recordResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * Error body for non-2xx answers. `code: 'revoked'` tells a kiosk its token was revoked (HTTP 401). Clients word
 * errors from `code` and `params` (src/protocol/errors.ts); `message` is the server's English, for operators.
 */
export const errorBodySchema = z.object({
  code: z.string(),
  message: z.string(),
  params: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;
