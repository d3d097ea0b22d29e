import { z } from 'zod';
import { checkInSchema } from './checkin';
/** Batch bounds: small enough that one Background Sync event (≤ 3 min in Chrome) finishes on 2G. */
export declare const MAX_BATCH_RECORDS = 200;
export declare const MAX_BATCH_BYTES: number;
export declare const PUSH_PATH = "/api/v1/sync/checkins";
export declare const ENROL_PATH = "/api/v1/enrol";
/**
 * A push batch. Records are validated one by one on the server (a bad record is rejected alone),
 * so the envelope accepts any array here and `checkInSchema` runs per record.
 */
export declare const pushRequestSchema: z.ZodObject<{
    sentAt: z.ZodNumber;
    pending: z.ZodOptional<z.ZodNumber>;
    appVersion: z.ZodOptional<z.ZodString>;
    records: z.ZodArray<z.ZodUnknown>;
}, z.core.$strip>;
export type PushRequest = Omit<z.infer<typeof pushRequestSchema>, 'records'> & {
    records: unknown[];
};
export declare const RECORD_STATUSES: readonly ['accepted', 'duplicate', 'rejected'];
export type RecordStatus = (typeof RECORD_STATUSES)[number];
export declare const recordResultSchema: z.ZodObject<{
    id: z.ZodNullable<z.ZodString>;
    index: z.ZodNumber;
    status: z.ZodEnum<{
        accepted: "accepted";
        duplicate: "duplicate";
        rejected: "rejected";
    }>;
    reason: z.ZodOptional<z.ZodString>;
}, z.core.$strip>;
export type RecordResult = z.infer<typeof recordResultSchema>;
export declare const pushResponseSchema: z.ZodObject<{
    serverTime: z.ZodNumber;
    results: z.ZodArray<z.ZodObject<{
        id: z.ZodNullable<z.ZodString>;
        index: z.ZodNumber;
        status: z.ZodEnum<{
            accepted: "accepted";
            duplicate: "duplicate";
            rejected: "rejected";
        }>;
        reason: z.ZodOptional<z.ZodString>;
    }, z.core.$strip>>;
}, z.core.$strip>;
export type PushResponse = z.infer<typeof pushResponseSchema>;
/** Error body for non-2xx answers. `code: 'revoked'` tells a kiosk its token was revoked (HTTP 401). */
export declare const errorBodySchema: z.ZodObject<{
    code: z.ZodString;
    message: z.ZodString;
}, z.core.$strip>;
export type ErrorBody = z.infer<typeof errorBodySchema>;
export { checkInSchema };
