import { z } from 'zod';
import { visitorSchema } from './visitor';

export const DIRECTIONS = ['in', 'out'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** UUIDv7 in canonical form; time-ordered so ids sort like the device clock. */
export const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** One visitor passing a gate, as the kiosk records it and sends it (the unit of sync). */
export const checkInSchema = z.object({
  id: z.string().regex(UUID_RE),
  /** Monotonic per device: orders records even when the device clock jumps backwards. */
  seq: z.number().int().nonnegative(),
  direction: z.enum(DIRECTIONS),
  /** Device clock, epoch ms; the server corrects it with the batch's clock offset. */
  deviceTime: z.number().int().nonnegative(),
  visitor: visitorSchema,
});
export type CheckIn = z.infer<typeof checkInSchema>;
