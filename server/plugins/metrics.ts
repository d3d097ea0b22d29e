import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { RecordResult } from '../../src/protocol';
import type { CheckinTable } from '../db/schema';
import { databaseBytes } from '../db/database-size';
import { ApiError } from '../lib/api-error';
import { bearerToken } from './auth';
import { globalPlugin } from './global-plugin';

/** A kiosk that has not synced for this long counts as silent in /metrics (the console's threshold is per site). */
export const METRICS_SILENT_AFTER_MS = 24 * 60 * 60 * 1000;

export interface SyncMetrics {
  /** Counts one answered push batch: its records by outcome, and how late the accepted ones arrived. */
  observeSyncBatch(results: readonly RecordResult[], acceptedRows: readonly CheckinTable[]): void;
}

declare module 'fastify' {
  interface FastifyInstance {
    metrics: SyncMetrics;
  }
}

export interface MetricsOptions {
  /** Bearer token that /metrics requires; null: no /metrics route at all (the default). */
  token: string | null;
}

const sameSecret = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * Prometheus metrics (issue #15): requests by route and status with latency, sync batches and records, ingest lag,
 * kiosks by state, database size, and Node's own (event-loop lag among them). Counted always; served at /metrics
 * only when a token is configured. Labels are route templates and states, never ids or personal data.
 */
export const metricsPlugin = globalPlugin(async (app: FastifyInstance, opts: MetricsOptions) => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'gatelog_' });

  const requests = new Histogram({
    name: 'gatelog_http_request_duration_seconds',
    help: 'HTTP requests by route template, method and status, with their latency.',
    labelNames: ['route', 'method', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const batches = new Counter({ name: 'gatelog_sync_batches_total', help: 'Push batches answered 200.', registers: [registry] });
  const records = new Counter({
    name: 'gatelog_sync_records_total',
    help: 'Pushed records by outcome.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  for (const status of ['accepted', 'duplicate', 'rejected'] as const) records.inc({ status }, 0);
  const lag = new Histogram({
    name: 'gatelog_ingest_lag_seconds',
    help: 'Received time minus the corrected check-in time of accepted records: how long records wait on kiosks.',
    buckets: [1, 10, 60, 300, 1800, 3600, 6 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600],
    registers: [registry],
  });
  new Gauge({
    name: 'gatelog_kiosks',
    help: 'Kiosks by state: active (synced within 24 h), silent (not for 24 h), revoked, awaiting_enrolment.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await app.repos.devices.countByState(METRICS_SILENT_AFTER_MS);
      for (const [state, n] of Object.entries(counts)) this.set({ state }, n);
    },
  });
  new Gauge({
    name: 'gatelog_database_bytes',
    help: 'Size of the database (SQLite file pages, or the PostgreSQL schema).',
    registers: [registry],
    async collect() {
      this.set(await databaseBytes(app.db));
    },
  });

  app.decorate('metrics', {
    observeSyncBatch(results, acceptedRows) {
      batches.inc();
      for (const r of results) records.inc({ status: r.status });
      for (const row of acceptedRows) lag.observe(Math.max(0, row.received_at - row.corrected_time) / 1000);
    },
  } satisfies SyncMetrics);

  app.addHook('onResponse', async (request: FastifyRequest, reply) => {
    // The route's template (never the raw URL: ids and codes would make endless, personal labels).
    const route = request.routeOptions.url ?? 'unmatched';
    requests.observe({ route, method: request.method, status: String(reply.statusCode) }, reply.elapsedTime / 1000);
  });

  const token = opts.token;
  if (token === null) return;
  app.get('/metrics', async (request, reply) => {
    const given = bearerToken(request);
    if (given === undefined || !sameSecret(given, token)) throw new ApiError(401, 'unauthorized', 'Metrics need the configured bearer token.');
    reply.type(registry.contentType);
    return registry.metrics();
  });
});
