import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import type { EnrolResponse, PushResponse } from '../../src/protocol';
import { DEVICE_ERROR, PUSH_PATH } from '../../src/protocol/sync';
import { startServer, type ServerHandle } from '../../tests/support/server-process';
import { connectDatabase } from '../db/connect';
import { issueDevice } from '../enrolment/issue-code';
import { devicesRepository } from '../repositories/devices';
import { runCli, runCliJson } from '../test-support/run-cli';
import { freshRecords, pushLoop, seedKioskFleet, type SentBatch } from '../test-support/push-load';

/** 200k in `npm run bench -- ops`; fewer here to keep the suite fast on a 2-core machine. */
const RECORDS = Number(process.env.GATELOG_BACKUP_TEST_RECORDS ?? 20_000);
const KIOSKS = 4;
const BATCH = 500;

const dirs: string[] = [];
let server: ServerHandle | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'gatelog-backup-'));
  dirs.push(d);
  return d;
};

/** The ids of the check-ins in a SQLite file, after checking its integrity. */
function idsIn(file: string): Set<string> {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    return new Set((db.prepare('select id from checkin').all() as Array<{ id: string }>).map((r) => r.id));
  } finally {
    db.close();
  }
}

/** A one-time enrolment code for a new kiosk at the site, as `device add` makes it (written beside the running server). */
async function newEnrolCode(dataDir: string, siteId: string): Promise<string> {
  const db = connectDatabase({ engine: 'sqlite', file: path.join(dataDir, 'gatelog.sqlite') });
  try {
    return (await issueDevice({ devices: devicesRepository(db) }, { siteId, baseUrl: 'http://kiosk.test' })).code;
  } finally {
    await db.destroy();
  }
}

const enrol = async (url: string, code: string) =>
  (await (await fetch(`${url}/api/v1/enrol`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) })).json()) as EnrolResponse;

const push = (url: string, token: string, records: unknown[]) =>
  fetch(`${url}${PUSH_PATH}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ sentAt: Date.now(), records }),
  });

describe('gatelog backup / restore (SQLite, real server process)', () => {
  it(`backs up a consistent copy while ${KIOSKS} kiosks push ${RECORDS} records`, { timeout: 240_000 }, async () => {
    const dataDir = tempDir();
    const { tokens } = await seedKioskFleet(dataDir, KIOSKS);
    server = await startServer({ dataDir });
    const log: SentBatch[] = [];
    const acked = () => log.reduce((n, b) => n + (b.ackedAt === null ? 0 : b.ids.length), 0);
    // The kiosks push from before the backup starts until it is done and at least RECORDS went in.
    let backupDone = false;
    const shouldStop = () => backupDone && acked() >= RECORDS;
    const pushing = Promise.all(tokens.map((token) => pushLoop(server!.url, token, { total: Infinity, batchSize: BATCH, log, shouldStop })));

    while (acked() < RECORDS * 0.3) await new Promise((r) => setTimeout(r, 20));
    const file = path.join(tempDir(), 'gatelog-backup.sqlite');
    const env = { GATELOG_DATA: dataDir, DATABASE_URL: '' };
    const backupStart = performance.now();
    const facts = await runCliJson<{ file: string; checkins: number }>(env, ['backup', '--to', file]);
    const backupEnd = performance.now();
    backupDone = true;
    await pushing;
    const total = acked();

    expect(total).toBeGreaterThanOrEqual(RECORDS);
    const inBackup = idsIn(file);
    expect(facts).toMatchObject({ file, checkins: inBackup.size });
    const ackedBefore = log.filter((b) => b.ackedAt !== null && b.ackedAt < backupStart);
    expect(ackedBefore.length).toBeGreaterThan(0);
    for (const b of ackedBefore) expect(b.ids.every((id) => inBackup.has(id)), 'a batch acknowledged before the backup is missing').toBe(true);
    // Every batch is in the copy whole or not at all, and none sent after the copy was done is in it.
    let whole = 0;
    for (const b of log) {
      const held = b.ids.filter((id) => inBackup.has(id)).length;
      if (held === 0) continue;
      expect(held, 'a half-written batch in the backup').toBe(b.ids.length);
      expect(b.sentAt).toBeLessThan(backupEnd);
      whole += held;
    }
    expect(whole).toBe(inBackup.size);
    // Kiosks' batches were committed while the backup command ran (its snapshot falls somewhere in between).
    const ackedDuringBackup = log.filter((b) => b.ackedAt !== null && b.ackedAt > backupStart && b.ackedAt < backupEnd);
    expect(ackedDuringBackup.length, 'no push overlapped the backup').toBeGreaterThan(0);
    expect(inBackup.size).toBeLessThan(total);
    // And the live database, meanwhile, lost nothing it acknowledged.
    await server.stop();
    expect(idsIn(path.join(dataDir, 'gatelog.sqlite')).size).toBe(total);
  });

  it('restore refuses while the server runs; after it, a kiosk the backup does not know is told so, and re-enrolled at its site delivers its queue', { timeout: 120_000 }, async () => {
    const dataDir = tempDir();
    const env = { GATELOG_DATA: dataDir, DATABASE_URL: '' };
    const { siteId, tokens: [tokenA] } = await seedKioskFleet(dataDir, 1);
    server = await startServer({ dataDir });
    expect((await push(server.url, tokenA!, freshRecords(10))).status).toBe(200);
    const file = path.join(tempDir(), 'before-kiosk-b.sqlite');
    await runCliJson(env, ['backup', '--to', file]);

    // Kiosk B is enrolled after the backup and syncs some records; others are still queued on it.
    const enrolB = await enrol(server.url, await newEnrolCode(dataDir, siteId));
    const syncedB = freshRecords(5);
    expect((await push(server.url, enrolB.token, syncedB)).status).toBe(200);
    const queuedB = freshRecords(3, 6);

    const refused = await runCli(env, ['restore', '--from', file]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/server \(pid \d+\) is running/);

    await server.stop();
    const restored = await runCliJson<{ checkins: number; previous: string; toReEnrol: Array<{ deviceId: string; siteId: string; siteRestored: boolean }> }>(
      env, ['restore', '--from', file],
    );
    expect(restored.checkins).toBe(10);
    // It names the kiosk to enrol again, and where.
    expect(restored.toReEnrol).toEqual([expect.objectContaining({ deviceId: enrolB.deviceId, siteId, siteRestored: true })]);
    expect(fs.existsSync(restored.previous)).toBe(true);
    server = await startServer({ dataDir });

    const unknown = await push(server.url, enrolB.token, queuedB);
    expect(unknown.status).toBe(401);
    expect(((await unknown.json()) as { code: string }).code).toBe(DEVICE_ERROR.unknown);
    expect((await push(server.url, tokenA!, freshRecords(2, 11))).status).toBe(200);

    // Enrolled again at the same site, B sends everything it still holds: the queue and what the restore lost.
    const reEnrolB = await enrol(server.url, await newEnrolCode(dataDir, siteId));
    expect(reEnrolB.site.id).toBe(siteId);
    const delivered = await push(server.url, reEnrolB.token, [...syncedB, ...queuedB]);
    expect(delivered.status).toBe(200);
    expect(((await delivered.json()) as PushResponse).results.map((r) => r.status)).toEqual(Array(8).fill('accepted'));
    await server.stop();
    const db = new SQLite(path.join(dataDir, 'gatelog.sqlite'), { readonly: true });
    const atSite = new Set((db.prepare('select id from checkin where site_id = ?').all(siteId) as Array<{ id: string }>).map((r) => r.id));
    db.close();
    for (const r of [...syncedB, ...queuedB]) expect(atSite.has(r.id)).toBe(true);
    expect(atSite.size).toBe(10 + 2 + 8);
  });
});
