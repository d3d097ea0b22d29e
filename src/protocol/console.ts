import { z } from 'zod';
import { hasNoNul, NO_NUL } from './text';
import { adminIdentitySchema } from './admin';
import { DIRECTIONS } from './checkin';
import { sitePolicySchema } from './enrol';

// Admin console API (issue #5): cookie sessions, the org tree, sites, kiosks and a site's live log.

export const SESSION_PATH = '/api/v1/auth/session';
export const ME_PATH = '/api/v1/auth/me';
/** The console's session cookie: HttpOnly, SameSite=Strict, Secure behind TLS; holds a token whose hash is stored. */
export const SESSION_COOKIE = 'gatelog_session';

/** The IANA zone the server reads calendar days in (GATELOG_TZ): the console's "today" is that zone's, not the browser's. */
const dayZoneSchema = z.string().min(1).max(64);
export const sessionResponseSchema = z.object({ admin: adminIdentitySchema, expiresAt: z.number(), timeZone: dayZoneSchema });
export type SessionResponse = z.infer<typeof sessionResponseSchema>;
export const meResponseSchema = z.object({ admin: adminIdentitySchema, timeZone: dayZoneSchema });
export type MeResponse = z.infer<typeof meResponseSchema>;

/** Ids are short opaque strings (`org_…`, `site_…`, `dev_…`). */
export const idSchema = z.string().min(1).max(64).regex(/^[a-z]+_[a-z0-9]+$/);
export const idParamsSchema = z.object({ id: idSchema });

const nameSchema = z.string().trim().min(1).max(120);

export const orgSchema = z.object({ id: z.string(), name: z.string(), parentId: z.string().nullable() });
export type OrgView = z.infer<typeof orgSchema>;

export const siteSchema = z.object({ id: z.string(), orgId: z.string(), name: z.string(), policy: sitePolicySchema });
export type SiteView = z.infer<typeof siteSchema>;

/** Everything of the org tree the caller may see (a site-bound caller sees its site and that org only). */
export const orgTreeSchema = z.object({ orgs: z.array(orgSchema), sites: z.array(siteSchema) });
export type OrgTree = z.infer<typeof orgTreeSchema>;

export const createOrgSchema = z.object({ name: nameSchema, parentId: idSchema });
export type CreateOrg = z.infer<typeof createOrgSchema>;
export const updateOrgSchema = z
  .object({ name: nameSchema.optional(), parentId: idSchema.optional() })
  .refine((b) => b.name !== undefined || b.parentId !== undefined, 'nothing to change');
export type UpdateOrg = z.infer<typeof updateOrgSchema>;

export const createSiteSchema = z.object({ orgId: idSchema, name: nameSchema });
export type CreateSite = z.infer<typeof createSiteSchema>;
export const updateSiteSchema = z
  .object({ name: nameSchema.optional(), orgId: idSchema.optional(), policy: z.optional(sitePolicySchema) })
  .refine((b) => b.name !== undefined || b.orgId !== undefined || b.policy !== undefined, 'nothing to change');
export type UpdateSite = z.infer<typeof updateSiteSchema>;

export const deviceSchema = z.object({
  id: z.string(),
  siteId: z.string(),
  name: z.string().nullable(),
  createdAt: z.number(),
  enrolledAt: z.number().nullable(),
  revokedAt: z.number().nullable(),
  lastSyncAt: z.number().nullable(),
  /** Records still queued on the kiosk as it last reported. */
  pendingReported: z.number().nullable(),
  appVersion: z.string().nullable(),
});
export type DeviceView = z.infer<typeof deviceSchema>;
export const deviceListSchema = z.object({ devices: z.array(deviceSchema) });
export type DeviceList = z.infer<typeof deviceListSchema>;

export const enrolDeviceSchema = z.object({ name: z.string().trim().max(60).optional() });
/** The one-time code is shown once; the console draws `enrolUrl(location.origin, code)` as a QR code. */
export const enrolDeviceResponseSchema = z.object({ device: deviceSchema, code: z.string() });
export type EnrolDeviceResponse = z.infer<typeof enrolDeviceResponseSchema>;

/** A local calendar day, YYYY-MM-DD, in the server's time zone. */
export const localDateSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);

export const siteLogQuerySchema = z.object({
  day: localDateSchema.optional(),
  direction: z.enum(DIRECTIONS).optional(),
  /** Matches name or subject (ID number, pass id, phone), case-insensitive substring. */
  q: z.string().trim().max(120).refine(hasNoNul, NO_NUL).optional(),
  limit: z.coerce.number().int().min(1).max(2000).optional(),
});
export type SiteLogQuery = z.infer<typeof siteLogQuerySchema>;

export const occupantSchema = z.object({ subject: z.string(), name: z.string().optional(), timeIn: z.string() });
export const occupancySchema = z.object({ siteId: z.string(), at: z.string(), inside: z.array(occupantSchema) });
export type Occupancy = z.infer<typeof occupancySchema>;

/** The URL printed as a site's location QR code (one per site: the "location QR codes" of the report). */
export function siteQrUrl(baseUrl: string, siteId: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/s/${encodeURIComponent(siteId)}`;
}
