import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { startTestApp, stopTestApp } from '../test-support/test-app';
import type { TestDatabase } from '../test-support/engines';

const dist = fs.mkdtempSync(path.join(os.tmpdir(), 'gatelog-dist-'));
const wasm = Buffer.alloc(64 * 1024, 7); // very compressible, like zxing_reader.wasm's data sections

describe('kiosk static files (#11: precompressed at build)', () => {
  let app: FastifyInstance;
  let t: TestDatabase;
  beforeAll(async () => {
    fs.mkdirSync(path.join(dist, 'assets'));
    fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Gatelog</title>');
    fs.writeFileSync(path.join(dist, 'index.html.br'), brotliCompressSync('<!doctype html><title>Gatelog</title>'));
    fs.writeFileSync(path.join(dist, 'assets/zxing_reader-abc.wasm'), wasm);
    fs.writeFileSync(path.join(dist, 'assets/zxing_reader-abc.wasm.br'), brotliCompressSync(wasm));
    fs.writeFileSync(path.join(dist, 'assets/zxing_reader-abc.wasm.gz'), gzipSync(wasm));
    ({ app, t } = await startTestApp('sqlite', { staticDir: dist }));
  });
  afterAll(async () => {
    await stopTestApp(app, t);
    fs.rmSync(dist, { recursive: true, force: true });
  });

  it('sends the brotli file to a browser that takes br, with the right type and long caching', async () => {
    const res = await app.inject({ url: '/assets/zxing_reader-abc.wasm', headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toBe('application/wasm');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.length).toBeLessThan(wasm.length / 10);
  });

  it('falls back to gzip, then to the raw file', async () => {
    const gz = await app.inject({ url: '/assets/zxing_reader-abc.wasm', headers: { 'accept-encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    const raw = await app.inject({ url: '/assets/zxing_reader-abc.wasm', headers: { 'accept-encoding': 'identity' } });
    expect(raw.headers['content-encoding']).toBeUndefined();
    expect(raw.rawPayload.equals(wasm)).toBe(true);
  });

  it('serves the shell compressed too, and revalidated', async () => {
    const res = await app.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
  });
});
