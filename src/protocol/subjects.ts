import { z } from 'zod';
import { storedCheckInSchema } from './admin';

/** A visitor's request to see or erase their data (issue #6): `/api/v1/subjects/:subject`. */
export const SUBJECTS_PATH = '/api/v1/subjects';

/** What stands where a visitor's key was, once retention or an erasure anonymised the check-in. */
export const PURGED_SUBJECT = 'purged';

export const subjectParamsSchema = z.object({ subject: z.string().trim().min(1).max(512) });

export const subjectDataSchema = z.object({
  subject: z.string(),
  /** Check-ins keyed by the subject, or carrying it as ID number or phone. */
  checkins: z.array(storedCheckInSchema.extend({ siteName: z.string() })),
  /** Roster entries whose code is the subject. */
  roster: z.array(z.object({ siteId: z.string(), siteName: z.string(), code: z.string(), name: z.string(), group: z.string(), role: z.string() })),
  /** Passes an admin issued with this pass id, phone or ID number. */
  passes: z.array(
    z.object({
      passId: z.string(),
      siteId: z.string(),
      siteName: z.string(),
      name: z.string().nullable(),
      phone: z.string().nullable(),
      idNumber: z.string().nullable(),
      validUntil: z.string().nullable(),
      issuedAt: z.number(),
    }),
  ),
});
export type SubjectData = z.infer<typeof subjectDataSchema>;

export const eraseResultSchema = z.object({ erased: z.number().int().nonnegative() });
export type EraseResult = z.infer<typeof eraseResultSchema>;
