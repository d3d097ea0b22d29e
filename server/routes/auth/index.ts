import type { FastifyInstance } from 'fastify';

/** POST /api/v1/auth/login: filled in by the admin-auth commit. */
export async function authRoutes(_app: FastifyInstance): Promise<void> {}
