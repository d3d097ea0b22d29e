import type { FastifyInstance } from 'fastify';

export interface TraceRoutesOptions {
  timeZone: string;
}

/** GET /api/v1/trace (admin): filled in by the trace commit. */
export async function traceRoutes(_app: FastifyInstance, _opts: TraceRoutesOptions): Promise<void> {}
