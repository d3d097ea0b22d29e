import { Writable } from 'node:stream';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { loginAdmin } from '../test-support/admin';
import type { TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { checkIn, enrolDevice, seedSite } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';
import { serializeRequest } from '../lib/log-serializers';
import { errorHandlerPlugin } from './error-handler';

describe('error handler', () => {
  it('hides 5xx internals from the client and logs neither the body nor the query', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const app = Fastify({ logger: { level: 'info', stream, serializers: { req: serializeRequest } } });
    await app.register(errorHandlerPlugin);
    app.post('/boom', async () => {
      throw new Error('database password is hunter2');
    });
    const res = await app.inject({ method: 'POST', url: '/boom?subject=001099012345', payload: { name: 'Nguyễn Văn A' } });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({ code: 'internal', message: 'Internal server error' });
    const log = lines.join('');
    expect(log).toContain('database password is hunter2'); // the error itself is logged for operators
    expect(log).not.toContain('001099012345');
    expect(log).not.toContain('Nguyễn');
    await app.close();
  });
});

describeEngines('a value the database cannot store (%s)', (engine) => {
  let t: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  afterEach(() => stopTestApp(app, t));

  it('answers 4xx, never 500, for NUL in a name or an integer past its column (PostgreSQL class 22)', async () => {
    ({ t, app } = await startTestApp(engine));
    const { org, site } = await seedSite(app.repos);
    const authorization = await loginAdmin(app, org.id, 'nul@example.vn');
    const { token } = await enrolDevice(app, site.id);
    const renamed = await app.inject({ method: 'PATCH', url: `/api/v1/orgs/${org.id}`, headers: { authorization }, payload: { name: 'Sở\u0000Y tế' } });
    const pushed = await app.inject({
      method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: Date.now(), pending: 9e15, records: [checkIn()] },
    });
    for (const res of [renamed, pushed]) expect(res.statusCode, res.body).toBeLessThan(500);
    if (engine === 'postgres') expect(renamed.json()).toMatchObject({ code: 'unstorable_value' });
  });
});
