import { z } from 'zod';
import { localDateSchema } from './console';

/** `POST /api/v1/sites/:id/passes` (admin or site manager): a pass signed by the server (issue #6). */
export const issuePassRequestSchema = z.object({
  name: z.string().trim().min(1).max(120),
  phone: z.string().trim().max(20).optional(),
  idNumber: z.string().trim().max(20).optional(),
  /** Last day the pass is good for, inclusive; none = never expires. */
  validUntil: localDateSchema.optional(),
});
export type IssuePassRequest = z.infer<typeof issuePassRequestSchema>;

/** The pass text (draw it as a QR code) and its id, the visitor's key in the log. */
export const issuedPassSchema = z.object({ text: z.string(), passId: z.string() });
export type IssuedPass = z.infer<typeof issuedPassSchema>;
