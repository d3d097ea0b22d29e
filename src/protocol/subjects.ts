import { z } from 'zod';
import { storedCheckInSchema } from './admin';
import { hasNoNul, NO_NUL } from './text';

/**
 * A visitor's request to see or erase their data (issue #6): `POST /api/v1/subjects/find` and
 * `POST /api/v1/subjects/erase`, the subject in the JSON body — never in a URL, which proxies and logs keep (issue #10).
 */
export const SUBJECTS_FIND_PATH = '/api/v1/subjects/find';
export const SUBJECTS_ERASE_PATH = '/api/v1/subjects/erase';

/** What stands where a visitor's key was, once retention or an erasure anonymised the check-in. */
export const PURGED_SUBJECT = 'purged';

export const subjectRequestSchema = z.object({ subject: z.string().trim().min(1).max(512).refine(hasNoNul, NO_NUL) });
export type SubjectRequest = z.infer<typeof subjectRequestSchema>;

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
