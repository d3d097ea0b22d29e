import { z } from 'zod';
import { checkInSchema } from './checkin';
import { MAX_BATCH_RECORDS } from './sync-limits';

// Limits, paths and the answers a kiosk parses live in modules of their own, without classic zod, so the service
// worker and the kiosk's sync chunk stay small (issue #11); they are re-exported here, where they always were.
export * from './sync-limits';
export * from './sync-answers';

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

export { checkInSchema };
