import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import type { TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { checkIn, enrolDevice, seedSite } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';

const TOKEN = 'metrics-token-0123456789';

/** The value of one sample line of a Prometheus text answer, e.g. `name{a="b"}`. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describeEngines('/metrics (%s)', (engine) => {
  let t: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  afterEach(() => stopTestApp(app, t));

  it('is off unless a token is configured', async () => {
    ({ t, app } = await startTestApp(engine));
    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(404);
  });

  it('after a push, counts it by route, status and outcome, with the ingest lag, kiosks and database size', async () => {
    ({ t, app } = await startTestApp(engine, { metricsToken: TOKEN }));
    const { site } = await seedSite(app.repos);
    const { token, deviceId } = await enrolDevice(app, site.id);
    const now = Date.now();
    const a = checkIn({ seq: 1, deviceTime: now - 90_000 });
    const b = checkIn({ seq: 2, deviceTime: now - 30_000 });
    const push = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: now, records: [a, b, a, { id: 'broken' }] },
    });
    expect(push.statusCode).toBe(200);

    expect((await app.inject({ method: 'GET', url: '/metrics' })).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789' } })).statusCode).toBe(401);
    const res = await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.body;

    expect(sample(text, 'gatelog_sync_batches_total')).toBe(1);
    expect(sample(text, 'gatelog_sync_records_total{status="accepted"}')).toBe(2);
    expect(sample(text, 'gatelog_sync_records_total{status="duplicate"}')).toBe(1);
    expect(sample(text, 'gatelog_sync_records_total{status="rejected"}')).toBe(1);
    expect(sample(text, 'gatelog_ingest_lag_seconds_count')).toBe(2);
    // Corrected times are 90 s and 30 s before receipt: both land in the ≤ 300 s bucket, not in ≤ 10 s.
    expect(sample(text, 'gatelog_ingest_lag_seconds_bucket{le="10"}')).toBe(0);
    expect(sample(text, 'gatelog_ingest_lag_seconds_bucket{le="300"}')).toBe(2);
    expect(sample(text, 'gatelog_http_request_duration_seconds_count{route="/api/v1/sync/checkins",method="POST",status="200"}')).toBe(1);
    expect(sample(text, 'gatelog_http_request_duration_seconds_count{route="/api/v1/enrol",method="POST",status="200"}')).toBe(1);
    expect(sample(text, 'gatelog_kiosks{state="active"}')).toBe(1);
    expect(sample(text, 'gatelog_kiosks{state="silent"}')).toBe(0);
    expect(sample(text, 'gatelog_database_bytes')).toBeGreaterThan(0);
    expect(text).toMatch(/^gatelog_nodejs_eventloop_lag_seconds \d/m);
    // Labels are templates and states: no ids, tokens or visitors.
    for (const secret of [deviceId, token, a.visitor.subject, site.id]) expect(text).not.toContain(secret);
  });
});
