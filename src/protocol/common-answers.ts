import { z } from 'zod';

/** The answer of a call that only confirms (a sign-out, a deletion). */
export const okAnswerSchema = z.object({ ok: z.literal(true) });
export type OkAnswer = z.infer<typeof okAnswerSchema>;

/** GET /api/v1/health: the liveness check, with the server's clock (epoch ms). */
export const healthAnswerSchema = z.object({ ok: z.literal(true), serverTime: z.number() });
export type HealthAnswer = z.infer<typeof healthAnswerSchema>;

/** The answer of a deletion that names what it removed. */
export const removedIdAnswerSchema = z.object({ id: z.string() });
export type RemovedIdAnswer = z.infer<typeof removedIdAnswerSchema>;
