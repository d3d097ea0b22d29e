import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type ServerHandle } from '../tests/support/server-process';
import { pushLoop, seedKioskFleet, type SentBatch } from './test-support/push-load';

const KIOSKS = 50;

let server: ServerHandle | undefined;
let dataDir: string | undefined;
afterEach(async () => {
  await server?.stop('SIGKILL');
  server = undefined;
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('graceful shutdown (real process)', () => {
  it(`SIGTERM while ${KIOSKS} kiosks push: in-flight batches finish or are refused, nothing acknowledged is lost`, { timeout: 120_000 }, async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gatelog-shutdown-'));
    const { tokens } = await seedKioskFleet(dataDir, KIOSKS);
    server = await startServer({ dataDir });
    const log: SentBatch[] = [];
    let stopped = false;
    const acked = () => log.filter((b) => b.ackedAt !== null).length;
    const pushing = Promise.all(tokens.map((token) => pushLoop(server!.url, token, { total: Infinity, batchSize: 100, log, shouldStop: () => stopped })));

    // Let every kiosk get going, then stop the server in the middle of the traffic.
    while (acked() < KIOSKS * 2) await new Promise((r) => setTimeout(r, 20));
    const signalledAt = performance.now();
    const exitCode = await server.stop('SIGTERM');
    const exitedAt = performance.now();
    stopped = true;
    await pushing;

    // main.ts exits 1 when its 10 s deadline forces the exit, 0 once every in-flight request is done.
    expect(exitCode, `a clean exit, not the forced one (after ${Math.round(exitedAt - signalledAt)} ms)`).toBe(0);
    const inFlight = log.filter((b) => b.sentAt < signalledAt && (b.ackedAt === null || b.ackedAt > signalledAt));
    expect(inFlight.length, 'batches were in flight at SIGTERM').toBeGreaterThan(0);
    // Unacknowledged batches were refused in a way a kiosk retries (503 or a closed connection), never a 500 from
    // a request that outlived the database.
    const refusals = new Set(log.filter((b) => b.ackedAt === null).map((b) => b.outcome));
    for (const outcome of refusals) expect([503, 'network']).toContain(outcome);

    const db = new SQLite(path.join(dataDir, 'gatelog.sqlite'), { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      const stored = new Set((db.prepare('select id from checkin').all() as Array<{ id: string }>).map((r) => r.id));
      const lost = log.filter((b) => b.ackedAt !== null).flatMap((b) => b.ids.filter((id) => !stored.has(id)));
      expect(lost, 'acknowledged records missing after shutdown').toEqual([]);
    } finally {
      db.close();
    }
  });
});
