import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { stopTestApp } from '../test-support/test-app';
import { ADMIN_CSP } from './admin-console';
import { HSTS, KIOSK_CSP, PASS_CSP } from './security-headers';

// Headers do not depend on the engine: SQLite only.
describe('security headers on every HTML page, no source maps (#10 item 7)', () => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeAll(async () => {
    t = await openTestDatabase('sqlite');
    const dist = path.join(t.config.dataDir, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    for (const page of ['index.html', 'admin.html', 'pass.html']) fs.writeFileSync(path.join(dist, page), `<!doctype html><title>${page}</title>`);
    fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});\n//# sourceMappingURL=sw.js.map');
    fs.writeFileSync(path.join(dist, 'sw.js.map'), '{"version":3,"sources":["../sw/sw.ts"]}');
    fs.writeFileSync(path.join(dist, 'assets', 'main-abc.js.map'), '{"version":3,"sources":["../src/kiosk/main.tsx"]}');
    app = await buildApp({ ...t.config, staticDir: dist }, { db: t.db, logger: false });
    await app.ready();
  });
  afterAll(() => stopTestApp(app, t));

  it.each([
    ['/', KIOSK_CSP],
    ['/index.html', KIOSK_CSP],
    ['/pass', PASS_CSP],
    ['/pass.html', PASS_CSP],
    ['/admin/', ADMIN_CSP],
  ])('%s is sent with a CSP that forbids framing, nosniff and no Referer', async (url, csp) => {
    const res = await app.inject({ method: 'GET', url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toBe(csp);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['strict-transport-security']).toBeUndefined();
  });

  it('keeps the pages strict: no inline or eval scripts anywhere, no inline styles on /pass', () => {
    for (const csp of [KIOSK_CSP, PASS_CSP]) expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(PASS_CSP).not.toContain('unsafe');
  });

  it('sends HSTS only when the client came over TLS (directly or through a proxy saying so)', async () => {
    const res = await app.inject({ method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } });
    expect(res.headers['strict-transport-security']).toBe(HSTS);
    const api = await app.inject({ method: 'GET', url: '/api/v1/health', headers: { 'x-forwarded-proto': 'https' } });
    expect(api.headers['strict-transport-security']).toBe(HSTS);
    expect(api.headers['x-content-type-options']).toBe('nosniff');
    expect(api.headers['content-security-policy']).toBeUndefined();
  });

  it('does not serve source maps', async () => {
    expect((await app.inject({ method: 'GET', url: '/sw.js' })).statusCode).toBe(200);
    for (const url of ['/sw.js.map', '/assets/main-abc.js.map', '/assets/../sw.js.map']) {
      const res = await app.inject({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
      expect(res.body).not.toContain('sources');
    }
  });
});
