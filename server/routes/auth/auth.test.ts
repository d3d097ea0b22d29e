import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { loginResponseSchema } from '../../../src/protocol/admin';
import { hashPassword } from '../../lib/passwords';
import { sha256 } from '../../lib/secrets';
import { TEST_PASSWORD } from '../../test-support/admin';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { seedSite } from '../../test-support/fixtures';
import { ADMIN_TOKEN_TTL_MS } from '.';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

describeEngines('POST /api/v1/auth/login (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let orgId: string;
  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    orgId = (await seedSite(app.repos)).org.id;
    await app.repos.admins.create({ orgId, email: 'Chi@Example.VN', passwordHash: await hashPassword(TEST_PASSWORD) });
  });
  afterEach(() => stopTestApp(app, t));

  it('returns a 12 h token for the right password and stores only its hash', async () => {
    const before = Date.now();
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'chi@example.vn', password: TEST_PASSWORD } });
    expect(res.statusCode).toBe(200);
    const body = loginResponseSchema.parse(res.json());
    expect(body.admin).toEqual({ id: expect.stringMatching(/^adm_/), email: 'chi@example.vn', orgId, role: 'admin' });
    expect(body.expiresAt).toBeGreaterThanOrEqual(before + ADMIN_TOKEN_TTL_MS);
    expect(body.expiresAt).toBeLessThanOrEqual(Date.now() + ADMIN_TOKEN_TTL_MS);
    const stored = await t.db.selectFrom('admin_token').selectAll().execute();
    expect(stored.map((r) => r.token_hash)).toEqual([sha256(body.token)]);
    const hash = await t.db.selectFrom('admin').select('password_hash').executeTakeFirstOrThrow();
    expect(hash.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('refuses a wrong password and an unknown email alike', async () => {
    for (const payload of [
      { email: 'chi@example.vn', password: 'wrong password' },
      { email: 'nobody@example.vn', password: TEST_PASSWORD },
    ]) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
      expect(res.statusCode).toBe(401);
      expect(res.json()).toEqual({ code: 'invalid_credentials', message: 'Wrong email or password.' });
    }
  });

  it('stops accepting a token once it has expired', async () => {
    const admin = await app.repos.admins.findForLogin('chi@example.vn');
    await app.repos.admins.addToken(admin!.admin.id, sha256('old-token'), Date.now() - 1);
    const res = await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: 'x' }, headers: { authorization: 'Bearer old-token' } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthorized' });
  });
});
