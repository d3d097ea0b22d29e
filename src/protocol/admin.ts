import { z } from 'zod';
import { hasNoNul, NO_NUL } from './text';
import { CHECKIN_OUTCOMES, DIRECTIONS } from './checkin';
import { visitorSchema } from './visitor';

// Admin API (server side of issue #3): login, and listing stored check-ins.

export const LOGIN_PATH = '/api/v1/auth/login';
export const TRACE_PATH = '/api/v1/trace';
export const CHECKINS_PATH = '/api/v1/checkins';

export const loginRequestSchema = z.object({
  email: z.string().min(3).max(254).refine(hasNoNul, NO_NUL),
  password: z.string().min(1).max(1024),
});
export type LoginRequest = z.infer<typeof loginRequestSchema>;

/**
 * admin: manages its org subtree (province or unit); site_manager: one site (settings, kiosks);
 * viewer: reads its org subtree, or one site when bound to it, and changes nothing (issue #5).
 */
export const ADMIN_ROLES = ['admin', 'site_manager', 'viewer'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

/** Who is signed in, as the API and the console see them. `siteId` only for site-bound roles. */
export const adminIdentitySchema = z.object({
  id: z.string(),
  email: z.string(),
  orgId: z.string(),
  role: z.enum(ADMIN_ROLES),
  siteId: z.string().optional(),
});
export type AdminIdentity = z.infer<typeof adminIdentitySchema>;

export const loginResponseSchema = z.object({
  /** Bearer token for `Authorization: Bearer …`; the server keeps only its hash. */
  token: z.string(),
  /** Epoch ms; log in again after this. */
  expiresAt: z.number(),
  admin: adminIdentitySchema,
});
export type LoginResponse = z.infer<typeof loginResponseSchema>;

export const checkinsQuerySchema = z.object({
  site: z.string().min(1).max(64),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.coerce.number().int().min(1).max(10_000).optional(),
});
export type CheckinsQuery = z.infer<typeof checkinsQuerySchema>;

/** A check-in as the server stored it: only the site's kept fields survive in `visitor`. */
export const storedCheckInSchema = z.object({
  id: z.string(),
  deviceId: z.string(),
  siteId: z.string(),
  seq: z.number(),
  direction: z.enum(DIRECTIONS),
  visitor: visitorSchema,
  /** Epoch ms: the device clock, when the server got it, and the device clock corrected by the batch offset. */
  deviceTime: z.number(),
  receivedAt: z.number(),
  correctedTime: z.number(),
  /** Present when the server does not trust `correctedTime` (TIME_FLAGS in ./checkin, issue #12). */
  timeFlag: z.string().optional(),
  /** A watchlist match (issue #16): a refused attempt or an alert, the entry and its reason. */
  outcome: z.enum(CHECKIN_OUTCOMES).optional(),
  watchlistId: z.string().optional(),
  watchlistReason: z.string().optional(),
});
export type StoredCheckIn = z.infer<typeof storedCheckInSchema>;

export const checkinListSchema = z.object({ checkins: z.array(storedCheckInSchema) });
export type CheckinList = z.infer<typeof checkinListSchema>;
