import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { buildApp } from './app';
import { openTestDatabase, type TestDatabase } from './test-support/engines';
import { describeEngines } from './test-support/describe-engines';
import { startTestApp, stopTestApp } from './test-support/test-app';

describeEngines('app basics (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
  });
  afterEach(() => stopTestApp(app, t));

  it('migrates a fresh database and answers health', async () => {
    app = await buildApp(t.config, { db: t.db, logger: false });
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ ok: true });
    const tables = ['org', 'site', 'device', 'checkin', 'admin', 'admin_token'];
    for (const table of tables) {
      const rows = await t.db.selectFrom(table as 'org').select((eb) => eb.fn.countAll().as('n')).execute();
      expect(Number(rows[0]?.n)).toBe(0);
    }
  });

  it('answers 503 with build instructions when dist/ is missing', async () => {
    app = await buildApp(t.config, { db: t.db, logger: false });
    const res = await app.inject({ method: 'GET', url: '/' });
    expect(res.statusCode).toBe(503);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain('npm run build');
  });

  it('serves dist/ with no-cache for index.html and sw.js and long cache for assets', async () => {
    const dist = path.join(t.config.dataDir, 'dist');
    fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>kiosk</title>');
    fs.writeFileSync(path.join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
    fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    app = await buildApp({ ...t.config, staticDir: dist }, { db: t.db, logger: false });

    const index = await app.inject({ method: 'GET', url: '/' });
    expect(index.statusCode).toBe(200);
    expect(index.body).toContain('<title>kiosk</title>');
    expect(index.headers['cache-control']).toBe('no-cache');

    const sw = await app.inject({ method: 'GET', url: '/sw.js' });
    expect(sw.statusCode).toBe(200);
    expect(sw.headers['cache-control']).toBe('no-cache');

    const asset = await app.inject({ method: 'GET', url: '/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

    const api404 = await app.inject({ method: 'GET', url: '/api/v1/nope' });
    expect(api404.statusCode).toBe(404);
    expect(api404.json()).toEqual({ code: 'not_found', message: 'No route for GET /api/v1/nope' });
  });

  it('runs migrations idempotently (second app on the same db)', async () => {
    const first = await buildApp(t.config, { db: t.db, logger: false });
    await first.ready();
    await first.close();
    app = await buildApp(t.config, { db: t.db, logger: false });
    await app.ready();
    const res = await app.inject({ method: 'GET', url: '/api/v1/health' });
    expect(res.statusCode).toBe(200);
  });
});
