import type { FastifyInstance } from 'fastify';

/** GET /api/v1/checkins (admin): filled in by the admin-auth commit. */
export async function checkinsRoutes(_app: FastifyInstance): Promise<void> {}
