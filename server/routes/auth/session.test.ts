import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { SESSION_COOKIE, sessionResponseSchema } from '../../../src/protocol/console';
import { buildApp } from '../../app';
import { hashPassword } from '../../lib/passwords';
import { ADMIN_CSP } from '../../plugins/admin-console';
import { TEST_PASSWORD } from '../../test-support/admin';
import { openTestDatabase, type TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { seedSite } from '../../test-support/fixtures';
import { LOGIN_ADDRESS_RATE_LIMIT, LOGIN_RATE_LIMIT } from '.';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

describeEngines('console sessions, throttling and the console page (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  const credentials = { email: 'chi@example.vn', password: TEST_PASSWORD };
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    const dist = path.join(t.config.dataDir, 'dist');
    fs.mkdirSync(dist, { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>kiosk</title>');
    fs.writeFileSync(path.join(dist, 'admin.html'), '<!doctype html><title>admin</title>');
    app = await buildApp({ ...t.config, staticDir: dist }, { db: t.db, logger: false });
    await app.ready();
    const { org } = await seedSite(app.repos);
    await app.repos.admins.create({ orgId: org.id, email: credentials.email, passwordHash: await hashPassword(TEST_PASSWORD) });
  });
  afterEach(() => stopTestApp(app, t));

  it('signs in with an HttpOnly SameSite=Strict cookie (Secure behind TLS) and signs out', async () => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: credentials });
    expect(res.statusCode).toBe(200);
    expect(sessionResponseSchema.parse(res.json()).admin.email).toBe(credentials.email);
    // The console asks for days in the server's zone (the live log's "today"), so both answers name it.
    expect(sessionResponseSchema.parse(res.json()).timeZone).toBe(t.config.timeZone);
    expect(res.body).not.toMatch(/token/);
    const cookie = res.cookies.find((c) => c.name === SESSION_COOKIE)!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/api/' });
    expect(cookie.secure).toBeFalsy();
    const proxied = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: credentials, headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.cookies.find((c) => c.name === SESSION_COOKIE)!.secure).toBe(true);

    const cookies = { [SESSION_COOKIE]: cookie.value };
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).json()).toMatchObject({ admin: { email: credentials.email }, timeZone: t.config.timeZone });
    // A change riding the cookie from another origin is refused — a change this admin's scope allows (a site in
    // its own org), so only the Origin check stands in the way (#13); from our own origin the same change goes through.
    const orgId = sessionResponseSchema.parse(res.json()).admin.orgId;
    const addSite = (origin: string) =>
      app.inject({ method: 'POST', url: '/api/v1/sites', cookies, headers: { origin, host: 'localhost:80' }, payload: { orgId, name: 'Cổng giả' } });
    const sitesOfOrg = async () => (await app.repos.sites.listAll()).filter((s) => s.orgId === orgId && s.name === 'Cổng giả').length;
    const forged = await addSite('https://evil.example');
    expect(forged.statusCode).toBe(403);
    expect(forged.json()).toMatchObject({ code: 'bad_origin' });
    expect(await sitesOfOrg()).toBe(0);
    expect((await addSite('http://localhost')).statusCode).toBe(200);
    expect(await sitesOfOrg()).toBe(1);
    const out = await app.inject({ method: 'DELETE', url: '/api/v1/auth/session', cookies });
    expect(out.statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', cookies })).statusCode).toBe(401);
  });

  it('throttles logins per client and rate-limits 404s', async () => {
    const wrong = { email: credentials.email, password: 'nope' };
    const codes: number[] = [];
    for (let i = 0; i <= LOGIN_RATE_LIMIT.max; i++) {
      codes.push((await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: wrong })).statusCode);
    }
    expect(codes.slice(0, LOGIN_RATE_LIMIT.max).every((c) => c === 401)).toBe(true);
    expect(codes.at(-1)).toBe(429);
    // Another client address, or another account from this one, is not affected.
    const other = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: credentials, remoteAddress: '10.0.0.9' });
    expect(other.statusCode).toBe(200);
    const otherEmail = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: { ...wrong, email: 'x@example.vn' } });
    expect(otherEmail.statusCode).toBe(401);
    // The bearer login shares the limit.
    const limited = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: wrong });
    expect(limited.statusCode).toBe(429);
    expect(limited.json()).toMatchObject({ code: 'rate_limited' }); // worded by the console (issue #11)

    let last = 0;
    for (let i = 0; i < 61; i++) last = (await app.inject({ method: 'GET', url: `/api/v1/sites/none${i}/nope` })).statusCode;
    expect(last).toBe(429);
  });

  it('throttles one address trying many emails, and not the next address (#10 item 11)', async () => {
    const codes: number[] = [];
    for (let i = 0; i <= LOGIN_ADDRESS_RATE_LIMIT.max; i++) {
      const payload = { email: `spray${i}@example.vn`, password: 'nope' };
      codes.push((await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload, remoteAddress: '10.0.0.7' })).statusCode);
    }
    expect(codes.slice(0, LOGIN_ADDRESS_RATE_LIMIT.max).every((c) => c === 401)).toBe(true);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: credentials, remoteAddress: '10.0.0.7' });
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBeDefined();
    const elsewhere = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: credentials, remoteAddress: '10.0.0.8' });
    expect(elsewhere.statusCode).toBe(200);
  });

  it('revokes a bearer token on DELETE /auth/session (#10 item 10)', async () => {
    const login = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: credentials });
    const authorization = `Bearer ${(login.json() as { token: string }).token}`;
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/auth/session', headers: { authorization } })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization } })).statusCode).toBe(401);
  });

  it('compares the Origin of a cookie request by scheme, host and port (#10 item 9)', async () => {
    const signIn = await app.inject({ method: 'POST', url: '/api/v1/auth/session', payload: credentials });
    const cookies = { [SESSION_COOKIE]: signIn.cookies.find((c) => c.name === SESSION_COOKIE)!.value };
    const orgId = sessionResponseSchema.parse(signIn.json()).admin.orgId;
    const post = (headers: Record<string, string>) =>
      app.inject({ method: 'POST', url: '/api/v1/sites', cookies, headers, payload: { orgId, name: 'Cổng phụ' } });
    // Same host and port, other scheme: this plain-HTTP server was not the page that sent it.
    expect((await post({ origin: 'https://gate.example.vn:8080', host: 'gate.example.vn:8080' })).statusCode).toBe(403);
    expect((await post({ origin: 'http://gate.example.vn:8081', host: 'gate.example.vn:8080' })).statusCode).toBe(403);
    expect((await post({ origin: 'null', host: 'gate.example.vn:8080' })).statusCode).toBe(403);
    expect((await post({ origin: 'http://gate.example.vn:8080', host: 'gate.example.vn:8080' })).statusCode).toBeLessThan(300);
    // Behind a TLS proxy (X-Forwarded-Proto: https) the page's origin is https, with the default port left out.
    expect((await post({ origin: 'https://gate.example.vn', host: 'gate.example.vn', 'x-forwarded-proto': 'https' })).statusCode).toBeLessThan(300);
    expect((await post({ origin: 'https://gate.example.vn', host: 'gate.example.vn:443', 'x-forwarded-proto': 'https' })).statusCode).toBeLessThan(300);
  });

  it('serves the console at /admin/ with a strict Content Security Policy', async () => {
    const res = await app.inject({ method: 'GET', url: '/admin/' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<title>admin</title>');
    expect(res.headers['content-security-policy']).toBe(ADMIN_CSP);
    expect(ADMIN_CSP).toContain("script-src 'self'");
    expect(ADMIN_CSP).not.toContain('unsafe');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect((await app.inject({ method: 'GET', url: '/admin' })).headers.location).toBe('/admin/');
    expect((await app.inject({ method: 'GET', url: '/admin.html' })).headers.location).toBe('/admin/');
  });

  it('answers a scanned location poster (/s/<site id>) with a small page: the site name escaped, no script, a pass link', async () => {
    const { site } = await seedSite(app.repos, { siteName: '<b onclick="x">Cảng</b>' });
    const res = await app.inject({ method: 'GET', url: `/s/${site.id}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).not.toContain('script');
    expect(res.body).toContain('&lt;b onclick=&quot;x&quot;&gt;Cảng&lt;/b&gt;');
    expect(res.body).not.toContain('<b onclick');
    expect(res.body).toContain('href="/pass"');
    expect(res.body).not.toContain('<script');
    expect((await app.inject({ method: 'GET', url: '/s/site_unknown' })).statusCode).toBe(404);
  });
});
