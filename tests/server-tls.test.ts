import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { IncomingHttpHeaders } from 'node:http';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startServer } from './support/server-process';

/** GET over HTTPS trusting only the given certificate. */
function httpsGet(url: string, ca: Buffer): Promise<{ status: number; body: string; headers: IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { ca, servername: 'localhost' }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('with TLS_CERT and TLS_KEY the server speaks HTTPS (secure context for camera and service worker)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'gatelog-tls-'));
  const cert = join(dir, 'cert.pem');
  const key = join(dir, 'key.pem');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
    '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1', '-keyout', key, '-out', cert], { stdio: 'ignore' });
  const port = await freePort();
  const server = await startServer({ port, env: { TLS_CERT: cert, TLS_KEY: key }, tls: true });
  try {
    const res = await httpsGet(`https://localhost:${port}/api/v1/health`, readFileSync(cert));
    assert.equal(res.status, 200);
    assert.equal((JSON.parse(res.body) as { ok: boolean }).ok, true);
    // Over TLS every answer tells the browser to stay on HTTPS (#10 item 7).
    assert.match(String(res.headers['strict-transport-security']), /^max-age=\d+/);
    await assert.rejects(fetch(`http://127.0.0.1:${port}/api/v1/health`), 'plain HTTP is not served on the TLS port');
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
});
