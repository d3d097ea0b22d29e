import { z } from 'zod';

/**
 * Which parser recognised a code: `badge` is a code found on the site's roster, `opaque` any other
 * code, `manual` typed in by the attendant.
 */
export const VISITOR_KINDS = ['cccd', 'pass', 'badge', 'opaque', 'manual'] as const;
export type VisitorKind = (typeof VISITOR_KINDS)[number];

/** Personal fields a site may choose to keep; everything else about a visitor is never stored. */
export const PERSONAL_FIELDS = ['idNumber', 'name', 'birthYear', 'birthDate', 'gender', 'address', 'phone'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

/** Default kept fields (issue #2): ID number, name, birth year, gender; address off. */
export const DEFAULT_KEPT_FIELDS: readonly PersonalField[] = ['idNumber', 'name', 'birthYear', 'gender', 'phone'];

export const MAX_CODE_LENGTH = 512;
export const MAX_NAME_LENGTH = 120;

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
