/** Visitor field names, limits and the default site policy: plain constants, no schema library (the kiosk shell imports them). */
import type { SitePolicy } from './site-policy';

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

/** A site's policy until an admin changes it. */
export const DEFAULT_POLICY: SitePolicy = { keptFields: [...DEFAULT_KEPT_FIELDS], retentionDays: 30 };
