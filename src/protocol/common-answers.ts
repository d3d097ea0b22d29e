import { z } from 'zod';

/** The answer of a call that only confirms (a sign-out, a deletion). */
export const okAnswerSchema = z.object({ ok: z.literal(true) });
export type OkAnswer = z.infer<typeof okAnswerSchema>;

/** GET /api/v1/health: the liveness check, with the server's clock (epoch ms). */
export const healthAnswerSchema = z.object({ ok: z.literal(true), serverTime: z.number() });
export type HealthAnswer = z.infer<typeof healthAnswerSchema>;
