import fs from 'node:fs';
import { buildApp } from './app';
import { loadConfig } from './config';
import { writePidFile } from './lib/pid-file';

/** Starts the server: validated config, migrations (in the db plugin), listen, graceful shutdown. */
async function main(): Promise<void> {
  const config = loadConfig();
  // Before the database opens: `gatelog restore` must see the server from its first moment.
  const removePidFile = writePidFile(config.dataDir);
  process.once('exit', removePidFile);
  const app = await buildApp(config, {
    ...(config.tls ? { https: { cert: fs.readFileSync(config.tls.cert), key: fs.readFileSync(config.tls.key) } } : {}),
  });
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => shutdown('SIGINT'));
  process.once('SIGTERM', () => shutdown('SIGTERM'));

  await app.listen({ host: config.host, port: config.port });
  const scheme = config.tls ? 'https' : 'http';
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const engine = config.database.engine === 'postgres' ? 'PostgreSQL' : `SQLite ${config.database.file}`;
  console.log(`Gatelog server listening on ${scheme}://${shownHost}:${port} (${engine})`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
