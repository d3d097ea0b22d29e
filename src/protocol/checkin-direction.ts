// Plain constants, no zod: the kiosk's service worker imports them (issue #11).

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];
