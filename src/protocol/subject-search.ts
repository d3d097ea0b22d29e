import { z } from 'zod';

/**
 * Data requests by name (issue #11): `GET /api/v1/subject-search?q=` finds the people whose name matches `q`
 * without tones or case ("nguyen thi" → "Nguyễn Thị …") in the caller's sites; the console then opens one
 * person's data with `/subjects/:subject`.
 */
export const subjectSearchQuerySchema = z.object({
  q: z
    .string()
    .trim()
    .min(2)
    .max(120)
    .refine((s) => !s.includes('\u0000'), 'no NUL characters'),
});

export const subjectMatchSchema = z.object({
  subject: z.string(),
  name: z.string(),
  /** Check-ins under this subject and name in scope (0 for someone only on a roster or an issued pass). */
  checkins: z.number().int().nonnegative(),
  /** The last of those check-ins, epoch ms. */
  lastSeen: z.number().nullable(),
});
export type SubjectMatch = z.infer<typeof subjectMatchSchema>;

/** At most this many people are listed; a longer list means the admin should type more of the name. */
export const MAX_SUBJECT_MATCHES = 50;
export const subjectSearchSchema = z.object({ matches: z.array(subjectMatchSchema) });
export type SubjectSearch = z.infer<typeof subjectSearchSchema>;
