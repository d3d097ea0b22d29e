import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './webhooks/settings';

/** The repository root, two levels up from this file (server/config.ts). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const isTimeZone = (tz: string): boolean => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Environment variables the server and the CLI read; validated once at start. */
export const envSchema = z.object({
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  GATELOG_DATA: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().optional(),
  TLS_CERT: z.string().min(1).optional(),
  TLS_KEY: z.string().min(1).optional(),
  GATELOG_TZ: z.string().default('Asia/Ho_Chi_Minh').refine(isTimeZone, 'not an IANA time zone'),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  GATELOG_STATIC_DIR: z.string().min(1).optional(),
  // Long enough that it cannot be guessed; unset or empty keeps /metrics off.
  GATELOG_METRICS_TOKEN: z.preprocess((v) => (v === '' ? undefined : v), z.string().min(16, 'at least 16 characters').optional()),
  GATELOG_REQUEST_TIMEOUT: z.coerce.number().int().min(1).max(600).default(30),
  GATELOG_WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
  GATELOG_WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(DEFAULT_WEBHOOK_SETTINGS.maxAttempts),
  GATELOG_WEBHOOK_TIMEOUT: z.coerce.number().min(0.1).max(120).default(DEFAULT_WEBHOOK_SETTINGS.timeoutMs / 1000),
  GATELOG_WEBHOOK_RETRY_BASE: z.coerce.number().min(0.01).max(3600).default(DEFAULT_WEBHOOK_SETTINGS.retryBaseMs / 1000),
}).refine((env) => Boolean(env.TLS_CERT) === Boolean(env.TLS_KEY), {
  message: 'TLS_CERT and TLS_KEY must be set together',
});

export type DatabaseConfig =
  | { engine: 'sqlite'; file: string }
  | { engine: 'postgres'; url: string };

export interface AppConfig {
  host: string;
  port: number;
  dataDir: string;
  database: DatabaseConfig;
  tls: { cert: string; key: string } | null;
  timeZone: string;
  logLevel: (typeof LOG_LEVELS)[number];
  /** The built kiosk app (Vite's dist/). */
  staticDir: string;
  /** Bearer token of /metrics; null: no /metrics (the default). */
  metricsToken: string | null;
  /** A request must arrive whole (headers and body) within this; a slow or stalled client is cut off (#10 item 8). */
  requestTimeoutMs: number;
  /** Webhook sending (issue #16); DEFAULT_WEBHOOK_SETTINGS where absent. */
  webhooks?: WebhookSettings;
}

/** Turns raw environment variables into a validated config, or throws a readable error. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.') || 'env'}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.GATELOG_DATA);
  const isPostgres = e.DATABASE_URL !== undefined && /^postgres(ql)?:\/\//.test(e.DATABASE_URL);
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: isPostgres
      ? { engine: 'postgres', url: e.DATABASE_URL as string }
      : { engine: 'sqlite', file: path.join(dataDir, 'gatelog.sqlite') },
    tls: e.TLS_CERT && e.TLS_KEY ? { cert: e.TLS_CERT, key: e.TLS_KEY } : null,
    timeZone: e.GATELOG_TZ,
    logLevel: e.LOG_LEVEL,
    staticDir: path.resolve(e.GATELOG_STATIC_DIR ?? path.join(REPO_ROOT, 'dist')),
    metricsToken: e.GATELOG_METRICS_TOKEN ?? null,
    requestTimeoutMs: e.GATELOG_REQUEST_TIMEOUT * 1000,
    webhooks: {
      ...DEFAULT_WEBHOOK_SETTINGS,
      allowPrivate: e.GATELOG_WEBHOOKS_ALLOW_PRIVATE === '1',
      maxAttempts: e.GATELOG_WEBHOOK_MAX_ATTEMPTS,
      timeoutMs: Math.round(e.GATELOG_WEBHOOK_TIMEOUT * 1000),
      retryBaseMs: Math.round(e.GATELOG_WEBHOOK_RETRY_BASE * 1000),
    },
  };
}
