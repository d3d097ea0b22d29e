import type { FastifyInstance } from 'fastify';
import { purgeExpired } from '../retention/purge-expired';
import { globalPlugin } from './global-plugin';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

export interface RetentionJobOptions {
  /** Off in tests that bring their own clock; on otherwise. */
  enabled: boolean;
}

/** Runs the retention purge as soon as the app is ready (in the background), then every hour; the timer never holds the process open. */
export const retentionJobPlugin = globalPlugin(async (app: FastifyInstance, opts: RetentionJobOptions) => {
  if (!opts.enabled) return;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  const run = () => {
    running ??= purgeExpired(app.repos)
      .then(
        (r) => {
          // Counts only: never personal data in logs.
          if (r.anonymised || r.passes) app.log.info({ anonymised: r.anonymised, passes: r.passes }, 'retention purge');
        },
        (err: unknown) => app.log.error({ err }, 'retention purge failed'),
      )
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  app.addHook('onReady', async () => {
    // Not awaited: a first purge of a year of data takes minutes, and the server must listen meanwhile
    // (an onReady hook that outlives Fastify's plugin timeout stops the start altogether).
    void run();
    timer = setInterval(run, RETENTION_INTERVAL_MS);
    timer.unref();
  });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await running;
  });
});
