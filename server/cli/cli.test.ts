import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { TraceResult } from '../../src/protocol';
import { buildApp } from '../app';
import { runCli } from '../test-support/run-cli';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { checkIn, enrolDevice, seedSite } from '../test-support/fixtures';
import { startTestApp, stopTestApp } from '../test-support/test-app';



/** The --json contract: stdout is exactly one JSON document. */
async function cliJson<T = Record<string, unknown>>(env: Record<string, string>, args: string[], stdin = ''): Promise<T> {
  const run = await runCli(env, [...args, '--json'], stdin);
  if (run.code !== 0) throw new Error(`gatelog ${args.join(' ')} exited ${run.code}: ${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}

/** The app on the test's own database (not started by startTestApp, which would open a second one). */
async function startTestAppOn(t: TestDatabase): Promise<{ app: FastifyInstance }> {
  const app = await buildApp(t.config, { db: t.db, logger: false, retentionJob: false });
  await app.ready();
  return { app };
}

// Each run starts a Node process with tsx (about a second), so these tests get more time.
const SLOW = { timeout: 90_000 };

describeEngines('gatelog CLI (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
  });
  afterEach(() => stopTestApp(app, t));

  it('sets up an org, site, kiosk and admin that the server then accepts', SLOW, async () => {
    const org = await cliJson<{ id: string; name: string; parentId: null }>(t.env, ['org', 'add', '--name', 'Sở Y tế']);
    expect(org).toEqual({ id: expect.stringMatching(/^org_[a-z2-9]{16}$/), name: 'Sở Y tế', parentId: null });
    const unit = await cliJson(t.env, ['org', 'add', '--name', 'Unit', '--parent', org.id]);
    expect(unit).toMatchObject({ parentId: org.id });
    const site = await cliJson<{ id: string; orgId: string }>(t.env, ['site', 'add', '--org', org.id, '--name', 'Cổng chính']);
    expect(site).toMatchObject({ orgId: org.id, name: 'Cổng chính', policy: { retentionDays: 30 } });

    const device = await cliJson<{ deviceId: string; code: string; enrolUrl: string }>(t.env, [
      'device', 'add', '--site', site.id, '--base-url', 'https://gate.example.vn',
    ]);
    expect(device.code).toMatch(/^[a-z2-9]{16}$/);
    expect(device.enrolUrl).toBe(`https://gate.example.vn/#enrol=${device.code}`);

    const admin = await cliJson(t.env, ['admin', 'add', '--org', org.id, '--email', 'Boss@Example.vn'], 'a long password\n');
    expect(admin).toEqual({ id: expect.stringMatching(/^adm_/), orgId: org.id, email: 'boss@example.vn', role: 'admin' });

    // The server on the same database accepts what the CLI made.
    app = await buildApp(t.config, { db: t.db, logger: false });
    const enrol = await app.inject({ method: 'POST', url: '/api/v1/enrol', payload: { code: device.code } });
    expect(enrol.statusCode).toBe(200);
    const token = (enrol.json() as { token: string }).token;
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'boss@example.vn', password: 'a long password' } });
    expect(login.statusCode).toBe(200);
    const rec = checkIn({ deviceTime: Date.parse('2025-03-10T08:00:00+07:00') });
    const pushed = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: rec.deviceTime, records: [rec] },
    });
    expect(pushed.statusCode).toBe(200);

    const listed = await cliJson<{ devices: Array<{ id: string; status: string }> }>(t.env, ['device', 'list', '--site', site.id]);
    expect(listed.devices.map((d) => [d.id, d.status])).toEqual([[device.deviceId, 'enrolled']]);

    const checkins = await cliJson<{ checkins: Array<{ id: string; siteId: string }> }>(t.env, ['checkins', '--site', site.id]);
    expect(checkins.checkins.map((c) => [c.id, c.siteId])).toEqual([[rec.id, site.id]]);

    const trace = await cliJson<TraceResult>(t.env, ['trace', '--subject', rec.visitor.subject]);
    expect(trace.visits).toHaveLength(1);
    expect(trace.visits[0]).toMatchObject({ siteId: site.id, siteName: 'Cổng chính', timeOut: null });

    const revoked = await cliJson<{ deviceId: string; revokedAt: string }>(t.env, ['device', 'revoke', device.deviceId]);
    expect(revoked.deviceId).toBe(device.deviceId);
    const after = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: Date.now(), records: [checkIn()] },
    });
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'revoked' });
  });

  it('prints names from kiosks without their terminal escapes; --json keeps them exact (#10 item 13)', SLOW, async () => {
    ({ app } = await startTestAppOn(t));
    const { site } = await seedSite(app.repos, { siteName: 'Cổng\x1b]0;owned\x07 chính' });
    const { token } = await enrolDevice(app, site.id);
    const name = 'Nguyễn\x1b[2J\x1b]52;c;ZWNobyBoaQ==\x07 Văn\x9b31m A\r\nfake 2025-01-01T00:00:00.000Z in';
    const rec = checkIn({ visitor: { name } });
    const pushed = await app.inject({
      method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: Date.now(), records: [rec] },
    });
    expect(pushed.statusCode).toBe(200);

    const [listed, traced] = await Promise.all([runCli(t.env, ['checkins', '--site', site.id]), runCli(t.env, ['trace', '--subject', rec.visitor.subject])]);
    for (const run of [listed, traced]) {
      expect(run.code).toBe(0);
      expect(run.stdout).not.toMatch(/[\x00-\x09\x0b-\x1f\x7f-\x9f]/);
      expect(run.stdout).not.toContain('ZWNobyBoaQ');
      expect(run.stdout).not.toContain('owned');
    }
    // A newline in a name cannot forge a second record line.
    expect(listed.stdout.trim().split('\n')).toHaveLength(1);
    expect(listed.stdout).toContain('Nguyễn Văn A fake');

    const json = await cliJson<{ checkins: Array<{ visitor: { name: string } }> }>(t.env, ['checkins', '--site', site.id]);
    expect(json.checkins[0]!.visitor.name).toBe(name);
  });

  it('fails with exit code 1, a message on stderr and {error} on stdout', SLOW, async () => {
    const run = await runCli(t.env, ['site', 'add', '--org', 'org_missing', '--name', 'X', '--json']);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout)).toEqual({ error: 'no org with id org_missing' });
    expect(run.stderr).toContain('no org with id org_missing');

    const missing = await runCli(t.env, ['device', 'add', '--json']);
    expect(missing.code).toBe(1);
    expect(JSON.parse(missing.stdout)).toEqual({ error: '--site is required' });

    const unknown = await runCli(t.env, ['frobnicate', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout)).toHaveProperty('error');

    const human = await runCli(t.env, ['org', 'add']);
    expect(human.code).toBe(1);
    expect(human.stdout).toBe('');
    expect(human.stderr).toContain('--name is required');
  });
});
