import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import pg from 'pg';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../server/app';
import { sha256 } from '../server/lib/secrets';
import { openTestDatabase, type Engine } from '../server/test-support/engines';
import { enrolDevice, seedSite } from '../server/test-support/fixtures';
import { toWire } from '../src/db/outbox';
import { uuid7 } from '../src/domain/uuid7';
import { MAX_BATCH_RECORDS } from '../src/protocol/sync';
import { realisticRows } from './sync';
import { fmt, median, percentile, ratio, type BenchRow } from './support/stats';

const INGEST_RECORDS = 50_000;
const LOCAL_PG = 'postgres://postgres@127.0.0.1:5432/test';

/** PostgreSQL is measured when DATABASE_URL is set or the machine's local server answers. */
async function postgresAvailable(): Promise<boolean> {
  if (process.env.DATABASE_URL) return true;
  const client = new pg.Client({ connectionString: LOCAL_PG, connectionTimeoutMillis: 1000 });
  try {
    await client.connect();
    await client.end();
    process.env.DATABASE_URL = LOCAL_PG;
    return true;
  } catch {
    return false;
  }
}

async function appOn(engine: Engine) {
  const t = await openTestDatabase(engine);
  const app = await buildApp(t.config, { db: t.db, logger: false });
  await app.ready();
  return { t, app };
}

/** Records/s through POST /api/v1/sync/checkins (gzip batches of MAX_BATCH_RECORDS), vs the bare insert. */
async function ingest(engine: Engine): Promise<{ perSecond: number; bareInsertPerSecond: number }> {
  const { t, app } = await appOn(engine);
  try {
    const { site } = await seedSite(app.repos, { siteName: 'Cảng' });
    const { token, deviceId } = await enrolDevice(app, site.id);
    const records = realisticRows(INGEST_RECORDS).map(toWire);
    const bodies: Buffer[] = [];
    for (let i = 0; i < records.length; i += MAX_BATCH_RECORDS) {
      bodies.push(gzipSync(JSON.stringify({ sentAt: Date.now(), records: records.slice(i, i + MAX_BATCH_RECORDS) })));
    }
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' };
    const t0 = performance.now();
    for (const payload of bodies) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sync/checkins', headers, payload });
      if (res.statusCode !== 200) throw new Error(`ingest failed: ${res.statusCode} ${res.body}`);
    }
    const perSecond = INGEST_RECORDS / ((performance.now() - t0) / 1000);

    // Baseline: the same rows inserted by the repository alone (no HTTP, gzip or validation).
    const rows = records.map((r) => ({
      id: uuid7(), device_id: deviceId, site_id: site.id, seq: r.seq, direction: r.direction, subject: r.visitor.subject,
      kind: r.visitor.kind, name: r.visitor.name ?? null, visitor: JSON.stringify(r.visitor), device_time: r.deviceTime,
      received_at: r.deviceTime, corrected_time: r.deviceTime,
    }));
    const t1 = performance.now();
    for (let i = 0; i < rows.length; i += MAX_BATCH_RECORDS) await app.repos.checkins.insertBatch(rows.slice(i, i + MAX_BATCH_RECORDS));
    const bareInsertPerSecond = INGEST_RECORDS / ((performance.now() - t1) / 1000);
    return { perSecond, bareInsertPerSecond };
  } finally {
    await app.close();
    await t.cleanup();
  }
}

const SITES = 50;
const SUBJECTS = 300_000;
const YEAR_MS = 365 * 86_400_000;

/** Trace latency (GET /api/v1/trace over a year) as the check-in table grows to 100k, 1M and 5M rows (SQLite). */
async function traceGrowth(sizes = [100_000, 1_000_000, 5_000_000]): Promise<{ size: number; medianMs: number; p95Ms: number; contacts: number }[]> {
  const { t, app } = await appOn('sqlite');
  const out: { size: number; medianMs: number; p95Ms: number; contacts: number }[] = [];
  try {
    const org = await app.repos.orgs.create({ name: 'Tỉnh', parentId: null });
    const siteIds: string[] = [];
    for (let i = 0; i < SITES; i++) siteIds.push((await app.repos.sites.create({ orgId: org!.id, name: `Điểm ${i}` }))!.id);
    const admin = await app.repos.admins.create({ orgId: org!.id, email: 'bench@example.vn', passwordHash: 'x' });
    const token = 'bench-token';
    const { deviceId } = await enrolDevice(app, siteIds[0]!);
    await app.repos.admins.addToken(admin!.id, sha256(token), Date.now() + 86_400_000);

    if (t.config.database.engine !== 'sqlite') throw new Error('trace growth runs on SQLite');
    const raw = new Database(t.config.database.file);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = NORMAL');
    const insert = raw.prepare(
      'INSERT INTO checkin (id, device_id, site_id, seq, direction, subject, kind, name, visitor, device_time, received_at, corrected_time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const start = Date.now() - YEAR_MS;
    // mulberry32: a seeded PRNG whose integer maths stays exact in JS (an LCG on doubles degenerates).
    let rng = 42;
    const rand = () => {
      rng = (rng + 0x6d2b79f5) | 0;
      let x = Math.imul(rng ^ (rng >>> 15), 1 | rng);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return ((x ^ (x >>> 14)) >>> 0) / 2 ** 32;
    };
    let count = 0;
    const addVisits = raw.transaction((visits: number) => {
      for (let v = 0; v < visits; v++) {
        const subject = `0791${String(Math.floor(rand() * SUBJECTS)).padStart(8, '0')}`;
        const site = siteIds[Math.floor(rand() * SITES)]!;
        const tin = start + Math.floor(rand() * YEAR_MS);
        const tout = tin + 30 * 60_000 + Math.floor(rand() * 3 * 3_600_000);
        const visitor = JSON.stringify({ kind: 'cccd', subject, name: 'Khách' });
        insert.run(uuid7(tin), deviceId, site, count, 'in', subject, 'cccd', 'Khách', visitor, tin, tin, tin);
        insert.run(uuid7(tout), deviceId, site, count + 1, 'out', subject, 'cccd', 'Khách', visitor, tout, tout, tout);
        count += 2;
      }
    });
    const from = new Date(start).toISOString();
    const to = new Date().toISOString();
    for (const size of sizes) {
      while (count < size) addVisits(Math.min(50_000, (size - count) / 2));
      const times: number[] = [];
      let contacts = 0;
      for (let q = 0; q < 30; q++) {
        const subject = `0791${String(Math.floor(rand() * SUBJECTS)).padStart(8, '0')}`;
        const t0 = performance.now();
        const res = await app.inject({ method: 'GET', url: `/api/v1/trace?subject=${subject}&from=${from}&to=${to}`, headers: { authorization: `Bearer ${token}` } });
        times.push(performance.now() - t0);
        if (res.statusCode !== 200) throw new Error(`trace failed: ${res.body}`);
        contacts += (res.json() as { contacts: unknown[] }).contacts.length;
      }
      out.push({ size, medianMs: median(times), p95Ms: percentile(times, 95), contacts: contacts / 30 });
    }
    raw.close();
  } finally {
    await app.close();
    await t.cleanup();
  }
  return out;
}

/** Server ingest per engine and trace latency growth. */
export async function benchServer(): Promise<{ rows: BenchRow[] }> {
  const rows: BenchRow[] = [];
  const engines: Engine[] = (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
  for (const engine of engines) {
    const r = await ingest(engine);
    rows.push({
      part: 'server',
      metric: `ingest ${INGEST_RECORDS.toLocaleString('en')} records via the sync API, ${engine}: records/s`,
      value: fmt(r.perSecond, 0),
      baseline: `${fmt(r.bareInsertPerSecond, 0)} bare repository insert`,
      ratio: ratio(r.perSecond, r.bareInsertPerSecond),
      ...(engine === 'sqlite' ? { target: '≥ 50,000/s', met: r.perSecond >= 50_000 } : {}),
    });
  }
  const growth = await traceGrowth();
  const base = growth[0]!;
  for (const g of growth) {
    rows.push({
      part: 'server',
      metric: `trace over a year, ${g.size.toLocaleString('en')} check-ins (SQLite), median / p95 ms (avg ${fmt(g.contacts, 0)} contacts)`,
      value: `${fmt(g.medianMs)} / ${fmt(g.p95Ms)}`,
      baseline: `${fmt(base.medianMs)} ms at ${base.size.toLocaleString('en')}`,
      ratio: ratio(g.medianMs, base.medianMs),
      ...(g.size === 5_000_000 ? { target: '≤ 50 ms', met: g.p95Ms <= 50 } : {}),
    });
  }
  return { rows };
}
