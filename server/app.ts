import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type RouteOptions } from 'fastify';
import type { AppConfig } from './config';
import type { Db } from './db/schema';
import { serializeError, serializeRequest } from './lib/log-serializers';
import { adminConsolePlugin } from './plugins/admin-console';
import { apiDocsPlugin } from './plugins/api-docs';
import { authPlugin } from './plugins/auth';
import { dbPlugin } from './plugins/db';
import { errorHandlerPlugin } from './plugins/error-handler';
import { gzipBodyPlugin } from './plugins/gzip-body';
import { kioskStaticPlugin } from './plugins/kiosk-static';
import { metricsPlugin } from './plugins/metrics';
import { retentionJobPlugin } from './plugins/retention-job';
import { securityHeadersPlugin } from './plugins/security-headers';
import { siteLinkPlugin } from './plugins/site-link';
import { webhookWorkerPlugin } from './plugins/webhook-worker';
import { DEFAULT_WEBHOOK_SETTINGS } from './webhooks/settings';
import { apiRoutes } from './routes';

export interface AppDeps {
  /** An open, caller-owned database (tests, CLI); otherwise the app opens one from config and closes it. */
  db?: Db;
  /** Fastify logger switch; defaults to on at config.logLevel. */
  logger?: boolean;
  /** Where log lines go instead of stdout (tests read the log to prove no personal data reaches it). */
  logStream?: { write(line: string): void };
  /** TLS key pair: the server then speaks HTTPS directly. */
  https?: { cert: Buffer; key: Buffer };
  /** The hourly retention purge (also run once at start); on unless a test turns it off. */
  retentionJob?: boolean;
  /** The webhook delivery worker; on unless a test turns it off. */
  webhookWorker?: boolean;
  /** Called for every route as it is registered (the OpenAPI test checks each is documented). */
  onRoute?: (route: RouteOptions) => void;
}

/** 1 MB: a full batch (≤ 200 records, ≤ 64 KB gzipped) decompresses to far less. */
export const BODY_LIMIT = 1024 * 1024;

/** Headers must arrive within 10 s (or the request timeout, if shorter): a slowloris holds nothing for long. */
export const HEADERS_TIMEOUT_MS = 10_000;

/** Node's socket timeouts (#10 item 8): checked every second, not every 30 s, so a stalled client is cut off on time. */
function serverTimeouts(config: AppConfig) {
  return {
    requestTimeout: config.requestTimeoutMs,
    headersTimeout: Math.min(HEADERS_TIMEOUT_MS, config.requestTimeoutMs),
    connectionsCheckingInterval: 1000,
  };
}

/** Builds the whole server as a Fastify instance; never listens (main.ts does, tests use inject). */
export async function buildApp(config: AppConfig, deps: AppDeps = {}): Promise<FastifyInstance> {
  const timeouts = serverTimeouts(config);
  const app = Fastify({
    ...(deps.https ? { https: { ...deps.https, ...timeouts } } : { http: timeouts }),
    requestTimeout: timeouts.requestTimeout,
    bodyLimit: BODY_LIMIT,
    logger:
      deps.logger === false
        ? false
        : { level: config.logLevel, serializers: { req: serializeRequest, err: serializeError }, ...(deps.logStream ? { stream: deps.logStream } : {}) },
    trustProxy: false,
    // Migrations and the read side's backfill of an existing database take minutes at a busy province (progress is
    // logged); Fastify's default 10 s plugin timeout would stop such a start half-way.
    pluginTimeout: 0,
  });

  if (deps.onRoute) app.addHook('onRoute', deps.onRoute);
  await app.register(fastifyCookie);
  // Only routes that ask for it (logins, 404s) are limited: kiosks syncing from one NAT must never be.
  await app.register(fastifyRateLimit, { global: false });
  await app.register(errorHandlerPlugin);
  await app.register(metricsPlugin, { token: config.metricsToken });
  await app.register(securityHeadersPlugin);
  await app.register(dbPlugin, { config, ...(deps.db ? { db: deps.db } : {}) });
  await app.register(authPlugin);
  await app.register(gzipBodyPlugin);
  await app.register(retentionJobPlugin, { enabled: deps.retentionJob ?? true });
  await app.register(webhookWorkerPlugin, { enabled: deps.webhookWorker ?? true, settings: config.webhooks ?? DEFAULT_WEBHOOK_SETTINGS });

  await app.register(apiRoutes, { prefix: '/api/v1', config });
  await app.register(apiDocsPlugin);
  await app.register(siteLinkPlugin);
  await app.register(adminConsolePlugin, { root: config.staticDir });
  await app.register(kioskStaticPlugin, { root: config.staticDir });
  return app;
}
