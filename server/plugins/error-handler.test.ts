import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
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
