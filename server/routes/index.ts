import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import { authRoutes } from './auth';
import { checkinsRoutes } from './checkins';
import { enrolRoutes } from './enrol';
import { healthRoutes } from './health';
import { syncRoutes } from './sync';
import { traceRoutes } from './trace';

export interface ApiRoutesOptions {
  config: AppConfig;
}

/** Everything under /api/v1. */
export async function apiRoutes(app: FastifyInstance, opts: ApiRoutesOptions): Promise<void> {
  await app.register(healthRoutes);
  await app.register(enrolRoutes);
  await app.register(syncRoutes);
  await app.register(authRoutes);
  await app.register(traceRoutes, { timeZone: opts.config.timeZone });
  await app.register(checkinsRoutes);
}
