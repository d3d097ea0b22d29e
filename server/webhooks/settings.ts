/** How webhooks are sent (README, Configuration: GATELOG_WEBHOOK_*). */
export interface WebhookSettings {
  /** GATELOG_WEBHOOKS_ALLOW_PRIVATE=1: endpoints on loopback and private ranges are allowed (tests, a LAN receiver). */
  allowPrivate: boolean;
  /** Attempts of one delivery before it is marked failed (GATELOG_WEBHOOK_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** One attempt's time limit, connect to answer (GATELOG_WEBHOOK_TIMEOUT, seconds). */
  timeoutMs: number;
  /** The first retry's delay; each next one doubles, with jitter (GATELOG_WEBHOOK_RETRY_BASE, seconds). */
  retryBaseMs: number;
  /** The longest delay between two attempts. */
  retryCapMs: number;
  /** How often the worker looks for due deliveries. */
  pollMs: number;
}

export const DEFAULT_WEBHOOK_SETTINGS: WebhookSettings = {
  allowPrivate: false,
  maxAttempts: 12,
  timeoutMs: 10_000,
  retryBaseMs: 10_000,
  retryCapMs: 6 * 3600_000,
  pollMs: 1000,
};
