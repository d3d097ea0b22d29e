// Plain constants and helpers of a site's gate settings (issue #16), no zod: the kiosk's shell imports them, and
// zod/mini loads only with the sync chunk (issue #11).

/**
 * How a site's kiosks choose IN or OUT (issue #16): `toggle` — the attendant's VÀO/RA switch (as before); `auto` —
 * OUT when the visitor is inside at this site, else IN, with a one-tap correction on the banner.
 */
export const DIRECTION_MODES = ['toggle', 'auto'] as const;
export type DirectionMode = (typeof DIRECTION_MODES)[number];

/** "HH:MM", 24-hour local wall time of the server's GATELOG_TZ (the kiosk's own zone on the tablet). */
export const CLOSING_TIME_RE = /^([01]\d|2[0-3]):[0-5]\d$/;

/** Minutes after local midnight of a closing time, or null for none. */
export function closingMinutes(closingTime: string | null | undefined): number | null {
  if (!closingTime || !CLOSING_TIME_RE.test(closingTime)) return null;
  return Number(closingTime.slice(0, 2)) * 60 + Number(closingTime.slice(3, 5));
}

/** Length in hex digits of an occupancy hash: 128 bits, half the erasure hash (payloads stay small at a port). */
export const OCCUPANCY_HASH_HEX = 32;
