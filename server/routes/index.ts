import type { FastifyInstance } from 'fastify';
import type { AppConfig } from '../config';
import { auditRoutes } from './audit';
import { authRoutes } from './auth';
import { checkinsRoutes } from './checkins';
import { devicesRoutes } from './devices';
import { enrolRoutes } from './enrol';
import { healthRoutes } from './health';
import { orgsRoutes } from './orgs';
import { passesRoutes } from './passes';
import { reportsRoutes } from './reports';
import { rostersRoutes } from './rosters';
import { siteConfigRoutes } from './site-config';
import { siteGateRoutes } from './site-gate';
import { silentKiosksRoutes } from './silent-kiosks';
import { sitesRoutes } from './sites';
import { subjectSearchRoutes } from './subject-search';
import { subjectsRoutes } from './subjects';
import { syncRoutes } from './sync';
import { traceRoutes } from './trace';
import { webhooksRoutes } from './webhooks';
import { DEFAULT_WEBHOOK_SETTINGS } from '../webhooks/settings';
import { watchlistRoutes } from './watchlist';

export interface ApiRoutesOptions {
  config: AppConfig;
}

/** Everything under /api/v1. */
export async function apiRoutes(app: FastifyInstance, opts: ApiRoutesOptions): Promise<void> {
  await app.register(healthRoutes);
  await app.register(enrolRoutes);
  await app.register(syncRoutes);
  await app.register(siteConfigRoutes, { timeZone: opts.config.timeZone });
  await app.register(authRoutes, { timeZone: opts.config.timeZone });
  await app.register(traceRoutes, { timeZone: opts.config.timeZone });
  await app.register(checkinsRoutes);
  await app.register(orgsRoutes);
  await app.register(sitesRoutes, { timeZone: opts.config.timeZone });
  await app.register(devicesRoutes);
  await app.register(reportsRoutes, { timeZone: opts.config.timeZone });
  await app.register(auditRoutes);
  await app.register(passesRoutes);
  await app.register(rostersRoutes);
  await app.register(subjectsRoutes);
  await app.register(silentKiosksRoutes);
  await app.register(siteGateRoutes);
  await app.register(subjectSearchRoutes);
  await app.register(webhooksRoutes, { allowPrivate: (opts.config.webhooks ?? DEFAULT_WEBHOOK_SETTINGS).allowPrivate });
  await app.register(watchlistRoutes);
}
