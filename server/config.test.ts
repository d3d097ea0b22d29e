import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, REPO_ROOT } from './config';
import { DEFAULT_WEBHOOK_SETTINGS } from './webhooks/settings';

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
      webhooks: DEFAULT_WEBHOOK_SETTINGS,
    });
  });

  it('reads the webhook variables, and refuses private endpoints unless told', () => {
    const c = loadConfig({ GATELOG_WEBHOOKS_ALLOW_PRIVATE: '1', GATELOG_WEBHOOK_MAX_ATTEMPTS: '5', GATELOG_WEBHOOK_TIMEOUT: '2.5', GATELOG_WEBHOOK_RETRY_BASE: '0.5' });
    expect(c.webhooks).toEqual({ ...DEFAULT_WEBHOOK_SETTINGS, allowPrivate: true, maxAttempts: 5, timeoutMs: 2500, retryBaseMs: 500 });
    expect(loadConfig({}).webhooks?.allowPrivate).toBe(false);
    expect(() => loadConfig({ GATELOG_WEBHOOKS_ALLOW_PRIVATE: 'yes' })).toThrow(/GATELOG_WEBHOOKS_ALLOW_PRIVATE/);
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
