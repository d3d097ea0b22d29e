import { z } from 'zod';

/** Bounds of a site's silence threshold: an hour to a month. */
export const SILENT_AFTER_HOURS = { min: 1, max: 720, default: 24 } as const;

/** PUT /api/v1/sites/:id/silent-after body, and its answer (with the site id). */
export const silentAfterSchema = z.object({
  hours: z.number().int().min(SILENT_AFTER_HOURS.min).max(SILENT_AFTER_HOURS.max),
});
export const siteSilentAfterSchema = silentAfterSchema.extend({ siteId: z.string() });
export type SiteSilentAfter = z.infer<typeof siteSilentAfterSchema>;

/** A kiosk, enrolled and not revoked, that has not synced for longer than its site's threshold. */
export const silentKioskSchema = z.object({
  deviceId: z.string(),
  name: z.string().nullable(),
  siteId: z.string(),
  siteName: z.string(),
  /** Epoch ms of its last sync; null if it never synced since enrolment. */
  lastSyncAt: z.number().nullable(),
  enrolledAt: z.number(),
  /** Records still queued on it as it last reported (null: never reported). */
  pendingReported: z.number().nullable(),
  appVersion: z.string().nullable(),
  silentAfterHours: z.number(),
});
export type SilentKiosk = z.infer<typeof silentKioskSchema>;

/** GET /api/v1/orgs/:id/silent-kiosks: the org subtree's silent kiosks, longest silent first. */
export const silentKioskListSchema = z.object({ orgId: z.string(), at: z.number(), kiosks: z.array(silentKioskSchema) });
export type SilentKioskList = z.infer<typeof silentKioskListSchema>;
