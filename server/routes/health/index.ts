import type { FastifyInstance } from 'fastify';
import type { HealthAnswer } from '../../../src/protocol';

/** GET /api/v1/health: liveness plus the server clock (kiosks may use it before enrolment). */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/health', async (): Promise<HealthAnswer> => ({ ok: true, serverTime: Date.now() }));
}
