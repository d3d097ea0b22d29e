import { z } from 'zod';
import { checkInSchema } from './checkin';

/**
 * Batch bounds: small enough that one batch (≈ 40 KB gzip at 1,000 records) crosses a 2G link well
 * inside one Background Sync event (≤ 3 min in Chrome), large enough that round trips do not dominate
 * on 3G (10,000 records = 10 batches; bench/sync.ts).
 */
export const MAX_BATCH_RECORDS = 1000;
export const MAX_BATCH_BYTES = 256 * 1024;

export const PUSH_PATH = '/api/v1/sync/checkins';
export const ENROL_PATH = '/api/v1/enrol';

/**
 * A push batch. Records are validated one by one on the server (a bad record is rejected alone),
 * so the envelope accepts any array here and `checkInSchema` runs per record.
 */
export const pushRequestSchema = z.object({
  /** Device clock when the batch was sent, epoch ms: the server derives the clock offset from it. */
  sentAt: z.number().int().nonnegative(),
  /** Records still queued on the kiosk, including this batch (shown to admins). */
  pending: z.number().int().nonnegative().optional(),
  appVersion: z.string().max(40).optional(),
  records: z.array(z.unknown()).min(1).max(MAX_BATCH_RECORDS),
});
export type PushRequest = Omit<z.infer<typeof pushRequestSchema>, 'records'> & { records: unknown[] };

export const RECORD_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export type RecordStatus = (typeof RECORD_STATUSES)[number];

export const recordResultSchema = z.object({
  /** Position of the record in the batch: how the kiosk matches answers to records. */
  index: z.number().int().nonnegative(),
  /**
   * Only on rejections: the record's id, or null when it was too broken to carry one. Omitted for
   * accepted and duplicate records to keep answers small on 2G/3G (bench/sync.ts).
   */
  id: z.string().nullable().optional(),
  status: z.enum(RECORD_STATUSES),
  reason: z.string().optional(),
});
export type RecordResult = z.infer<typeof recordResultSchema>;

export const pushResponseSchema = z.object({
  /** Server clock, epoch ms: the kiosk keeps `serverTime - now` as its clock offset. */
  serverTime: z.number(),
  results: z.array(recordResultSchema),
});
export type PushResponse = z.infer<typeof pushResponseSchema>;

/**
 * Codes of a 401 answered to a kiosk: `revoked` (an administrator revoked it: keep records, stop pushing) and
 * `device_unknown` (the server does not know the token at all, e.g. restored from an older backup: keep records,
 * ask to be enrolled again at the same site). A missing token is the generic `unauthorized`.
 */
export const DEVICE_ERROR = { revoked: 'revoked', unknown: 'device_unknown' } as const;

/** Error body for non-2xx answers. `code: 'revoked'` tells a kiosk its token was revoked (HTTP 401). */
export const errorBodySchema = z.object({ code: z.string(), message: z.string() });
export type ErrorBody = z.infer<typeof errorBodySchema>;

export { checkInSchema };
