import * as z from 'zod/mini';
import { DIRECTIONS } from './checkin-direction';
import { CLOSING_TIME_RE, DIRECTION_MODES } from './site-gate-limits';

export * from './site-gate-limits';

// zod/mini: the kiosk's service worker parses these with the site config after each push (issue #11).

/**
 * How a site's gate runs: its direction mode and its closing time ("giờ đóng cửa"), after which a visit with no OUT
 * ends (null: at local midnight, as before issue #16).
 */
export const siteGateSchema = z.object({
  directionMode: z.enum(DIRECTION_MODES),
  closingTime: z.nullable(z.string().check(z.regex(CLOSING_TIME_RE))),
});
export type SiteGate = z.infer<typeof siteGateSchema>;

export const DEFAULT_GATE: SiteGate = { directionMode: 'toggle', closingTime: null };

/**
 * One visitor's latest passage at the site as the server knows it (issue #16): `h` is the visitor key's hash under
 * the site's erasure key (first 32 hex digits of HMAC-SHA-256, `occupancyHash`), never the key itself, so a lost
 * tablet does not list who else came in; `d` its direction; `t` its corrected time, epoch ms.
 */
export const occupancyEntrySchema = z.object({
  h: z.string().check(z.regex(/^[0-9a-f]{32}$/)),
  d: z.enum(DIRECTIONS),
  t: z.number(),
});
export type OccupancyEntry = z.infer<typeof occupancyEntrySchema>;

/**
 * Who came in or went out at the site since the kiosk's cursor (`?occupancySince=`), other kiosks' passages only;
 * from cursor 0 (or a cursor before today), who is inside now. The kiosk stores `nextSince` with the entries.
 */
export const occupancyDeltaSchema = z.object({
  entries: z.array(occupancyEntrySchema),
  nextSince: z.number(),
});
export type OccupancyDelta = z.infer<typeof occupancyDeltaSchema>;
