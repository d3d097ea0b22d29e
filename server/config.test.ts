import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from './config';

describe('loadConfig', () => {
  it('applies the documented defaults', () => {
    const c = loadConfig({});
    expect(c).toEqual({
      host: '0.0.0.0',
      port: 8080,
      dataDir: path.resolve('./data'),
      database: { engine: 'sqlite', file: path.join(path.resolve('./data'), 'gatelog.sqlite') },
      tls: null,
      timeZone: 'Asia/Ho_Chi_Minh',
      logLevel: 'info',
      staticDir: path.join(REPO_ROOT, 'dist'),
      metricsToken: null,
      requestTimeoutMs: 30_000,
    });
  });

  it('picks PostgreSQL for a postgres:// DATABASE_URL and HTTPS when both TLS paths are set', () => {
    const c = loadConfig({ DATABASE_URL: 'postgres://u@h/db', TLS_CERT: '/c.pem', TLS_KEY: '/k.pem', GATELOG_TZ: 'UTC' });
    expect(c.database).toEqual({ engine: 'postgres', url: 'postgres://u@h/db' });
    expect(c.tls).toEqual({ cert: '/c.pem', key: '/k.pem' });
    expect(c.timeZone).toBe('UTC');
  });

  it('rejects half a TLS pair, a bad port and an unknown time zone', () => {
    expect(() => loadConfig({ TLS_CERT: '/c.pem' })).toThrow('TLS_CERT and TLS_KEY must be set together');
    expect(() => loadConfig({ PORT: '99999' })).toThrow(/PORT/);
    expect(() => loadConfig({ GATELOG_TZ: 'Mars/Olympus' })).toThrow('not an IANA time zone');
  });

  it('serves /metrics only with a long enough token (empty: off)', () => {
    expect(loadConfig({ GATELOG_METRICS_TOKEN: 'a-long-enough-token' }).metricsToken).toBe('a-long-enough-token');
    expect(loadConfig({ GATELOG_METRICS_TOKEN: '' }).metricsToken).toBeNull();
    expect(() => loadConfig({ GATELOG_METRICS_TOKEN: 'short' })).toThrow(/GATELOG_METRICS_TOKEN: at least 16 characters/);
  });
});
