import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { buildApp } from '../../app';
import { loginAdmin } from '../../test-support/admin';
import { openTestDatabase, type TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import { stopTestApp } from '../../test-support/test-app';

const CCCD = '001099012345';
const PHONE = '0912345678';
const NAME = 'Nguyễn Văn Lộc';

describeEngines('the server log after a data request, a trace and an erasure (%s, issue #10)', (engine) => {
  let t: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  afterEach(() => stopTestApp(app, t));

  it('holds no ID number, phone or name, whatever URL a client tries', async () => {
    t = await openTestDatabase(engine, { logLevel: 'info' });
    const lines: string[] = [];
    app = await buildApp(t.config, { db: t.db, logStream: { write: (line) => void lines.push(line) } });
    await app.ready();
    const { org, site } = await seedSite(app.repos);
    const device = await enrolDevice(app, site.id);
    const sync = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${device.token}` },
      payload: { sentAt: Date.now(), records: [checkIn({ visitor: { subject: CCCD, idNumber: CCCD, name: NAME, phone: PHONE } })] },
    });
    expect(sync.statusCode).toBe(200);
    const auth = await loginAdmin(app, org.id, 'dpo@example.vn');
    const call = (method: 'GET' | 'POST', url: string, payload?: object) =>
      app!.inject({ method, url, headers: { authorization: auth }, ...(payload ? { payload } : {}) });

    for (const subject of [CCCD, PHONE]) {
      const found = await call('POST', '/api/v1/subjects/find', { subject });
      expect(found.statusCode).toBe(200);
      expect(found.body).toContain(NAME);
    }
    expect((await call('POST', '/api/v1/trace', { subject: CCCD })).statusCode).toBe(200);
    // Old-style and guessed URLs carrying the subject: refused, and still not logged.
    await call('GET', `/api/v1/trace?subject=${CCCD}`);
    await call('GET', `/api/v1/subjects/${CCCD}`);
    await call('POST', `/api/v1/subjects/${PHONE}/erase`);
    await call('GET', `/api/v1/subjects/${encodeURIComponent(NAME)}`);
    expect((await call('POST', '/api/v1/subjects/erase', { subject: CCCD })).json()).toEqual({ erased: 1 });

    const log = lines.join('');
    expect(log).toContain('/api/v1/subjects/find'); // the log did record these requests
    expect(log).toContain('/api/v1/subjects/erase');
    expect(log).toContain('/api/v1/trace');
    for (const secret of [CCCD, PHONE, NAME, encodeURIComponent(NAME), 'Nguy']) expect(log).not.toContain(secret);
  });
});
