import { z } from 'zod';

// The constants live in a zod-free module so the kiosk's parsers can use them without pulling zod into its shell
// (issue #11); they are re-exported here, where they always were.
export { VISITOR_KINDS, PERSONAL_FIELDS, DEFAULT_KEPT_FIELDS, MAX_CODE_LENGTH, MAX_NAME_LENGTH } from './visitor-limits';
export type { VisitorKind, PersonalField } from './visitor-limits';
import { VISITOR_KINDS, MAX_CODE_LENGTH, MAX_NAME_LENGTH } from './visitor-limits';

/**
 * One visitor as every parser reports it. `subject` is the stable key used for tracing
 * (ID number, pass id, phone or the opaque code) and is always present.
 */
export const visitorSchema = z.object({
  kind: z.enum(VISITOR_KINDS),
  subject: z.string().min(1).max(MAX_CODE_LENGTH),
  name: z.string().max(MAX_NAME_LENGTH).optional(),
  idNumber: z.string().max(20).optional(),
  birthYear: z.number().int().min(1900).max(2100).optional(),
  birthDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/).optional(),
  gender: z.string().max(10).optional(),
  address: z.string().max(300).optional(),
  phone: z.string().max(20).optional(),
  passId: z.string().max(40).optional(),
  /** Class, group or department from the site's roster (not personal on its own; always kept). */
  group: z.string().max(60).optional(),
});
export type Visitor = z.infer<typeof visitorSchema>;
