import * as z from 'zod/mini';
import { erasureEntrySchema } from './erasures';
import { sitePolicySchema } from './site-policy';
import { occupancyDeltaSchema, siteGateSchema } from './site-gate';

// zod/mini: parsed by the kiosk's service worker after each push (issue #11).

/** What a kiosk pulls after each successful push: its site's current policy and the keys it trusts (issue #6). */
export const SITE_CONFIG_PATH = '/api/v1/sync/config';

/** An Ed25519 public key that signs admin-issued passes; `kid` is printed in each signed pass. */
export const passKeySchema = z.object({
  kid: z.string().check(z.regex(/^[0-9A-Za-z_-]{1,16}$/)),
  /** Raw 32-byte Ed25519 public key, base64url. */
  publicKey: z.string().check(z.regex(/^[0-9A-Za-z_-]{43}$/)),
});
export type PassKey = z.infer<typeof passKeySchema>;

export const siteConfigSchema = z.object({
  site: z.object({ id: z.string(), name: z.string() }),
  policy: sitePolicySchema,
  passKeys: z.array(passKeySchema),
  /** Latest roster version at the site; the kiosk pulls entries newer than the one it holds. */
  rosterVersion: z.int().check(z.minimum(0)),
  serverTime: z.number(),
  /** The site's erasure-list key (base64url) and the entries after `?erasuresSince=` (issue #10); optional for older servers. */
  erasureKey: z.optional(z.string().check(z.regex(/^[0-9A-Za-z_-]{43}$/))),
  erasures: z._default(z.array(erasureEntrySchema), []),
  /** Direction mode and closing time (issue #16); absent from older servers (toggle, midnight). */
  gate: z.optional(siteGateSchema),
  /** Who came in or went out through the site's other kiosks since `?occupancySince=` (issue #16). */
  occupancy: z.optional(occupancyDeltaSchema),
});
export type SiteConfig = z.infer<typeof siteConfigSchema>;

/**
 * `GET SITE_NAME_PATH/<site id>` with a device token: the name of the site whose location poster a kiosk has just
 * scanned, so it can say "another site's code: <name>" (issue #11). Names are on public posters anyway.
 */
export const SITE_NAME_PATH = '/api/v1/sync/sites';
export const siteNameSchema = z.object({ id: z.string(), name: z.string() });
export type SiteName = z.infer<typeof siteNameSchema>;
