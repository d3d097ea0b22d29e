import { statSync, existsSync } from 'node:fs';
import { sql } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { uuid7 } from '../src/domain/uuid7';
import type { CheckIn } from '../src/protocol';
import { buildApp } from '../server/app';
import type { CheckinTable } from '../server/db/schema';
import { migrateToLatest } from '../server/db/migrate';
import { createRepositories } from '../server/repositories';
import { rebuildReadSide } from '../server/repositories/read-side';
import { openTestDatabase, type Engine } from '../server/test-support/engines';
import { enrolDevice } from '../server/test-support/fixtures';
import { startServer } from './support/app-server';
import { loadProvince, localMidnight, seedProvince } from './support/province';
import { fmt, median, percentile, ratio, type BenchRow } from './support/stats';

const TZ = 'Asia/Ho_Chi_Minh';
const DAY = 86_400_000;
const INGEST_BATCHES = 30;
const PUSHES = 150;

const dateOf = (ms: number) => new Date(ms + 7 * 3_600_000).toISOString().slice(0, 10);

async function timed<T>(n: number, run: (i: number) => Promise<T>): Promise<{ times: number[]; last: T }> {
  const times: number[] = [];
  let last!: T;
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    last = await run(i);
    times.push(performance.now() - t0);
  }
  return { times, last };
}

/** A kiosk batch at a busy port: distinct passengers now, 5 % of them scanned 1–7 days ago (arriving late). */
function portBatch(size: number, batch: number): CheckIn[] {
  const now = Date.now();
  return Array.from({ length: size }, (_, i) => {
    const late = (batch * size + i) % 20 === 0;
    const deviceTime = late ? now - (1 + (i % 7)) * DAY : now - (size - i) * 1000;
    const subject = `0520${String(batch * size + i).padStart(8, '0')}`;
    return { id: uuid7(deviceTime), seq: batch * size + i, direction: i % 3 === 2 ? 'out' : 'in', deviceTime, visitor: { kind: 'cccd', subject, idNumber: subject, name: `Hành khách ${i}` } };
  });
}

/** Everything issue #9 asks to measure, on one engine, for a generated province. */
export async function benchProvince(engine: Engine, scale: number, log: (line: string) => void): Promise<BenchRow[]> {
  const rows: BenchRow[] = [];
  const t = await openTestDatabase(engine, { timeZone: TZ });
  const label = engine === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  let app: FastifyInstance | undefined;
  try {
    await migrateToLatest(t.db);
    const repos = createRepositories(t.db, { timeZone: TZ });
    const seeded = await seedProvince(repos);
    const target = t.config.database.engine === 'sqlite' ? { engine: 'sqlite' as const, file: t.config.database.file } : { engine: 'postgres' as const };
    const loadStart = performance.now();
    const loaded = await loadProvince(t.db, target, seeded, scale, (d) => d % 60 === 0 && log(`${label}: generated ${d} days`));
    log(`${label}: ${loaded.checkins.toLocaleString('en')} check-ins generated in ${fmt((performance.now() - loadStart) / 1000)} s`);
    if (engine === 'postgres') await sql`analyze`.execute(t.db);

    const backfillStart = performance.now();
    let lastPct = -10;
    await rebuildReadSide(t.db, TZ, (done, total) => {
      const pct = Math.floor((done / total) * 100);
      if (pct >= lastPct + 10) log(`${label}: read side ${(lastPct = pct)} %`);
    });
    const backfillS = (performance.now() - backfillStart) / 1000;
    if (engine === 'postgres') await sql`analyze`.execute(t.db);
    const n = loaded.checkins;
    const size = `${(n / 1e6).toFixed(1)}M check-ins, ${label}`;
    rows.push({ part: 'province', metric: `backfill the read side, ${size}: check-ins/s (${fmt(backfillS, 0)} s)`, value: fmt(n / backfillS, 0) });

    app = await buildApp(t.config, { db: t.db, logger: false, retentionJob: false });
    await app.ready();
    const auth = { authorization: `Bearer ${seeded.adminToken}` };
    const month = { from: new Date(loaded.lastDay - 29 * DAY).toISOString(), to: new Date(loaded.lastDay + DAY).toISOString() };
    const inject = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const res = await app!.inject({ method, url, headers: auth, ...(payload ? { payload } : {}) });
      if (res.statusCode !== 200) throw new Error(`${url} answered ${res.statusCode}: ${res.body.slice(0, 200)}`);
      return res;
    };

    // Baseline for every read: the health check through the same inject path.
    const health = await timed(30, () => app!.inject({ method: 'GET', url: '/api/v1/health' }));
    const base = `${fmt(median(health.times))} ms health check`;
    const typical = await timed(40, (i) => inject('POST', '/api/v1/trace', { subject: loaded.typical[(i * 7919) % loaded.typical.length], ...month }));
    rows.push({
      part: 'province', metric: `trace a typical visitor over a month, ${size}: median / p95 ms`,
      value: `${fmt(median(typical.times))} / ${fmt(percentile(typical.times, 95))}`, baseline: base,
      target: '≤ 50 ms p95', met: percentile(typical.times, 95) <= 50,
    });
    let contacts = 0;
    const crew = await timed(12, async (i) => {
      const res = await inject('POST', '/api/v1/trace', { subject: loaded.crew[i % loaded.crew.length], ...month });
      contacts = (res.json() as { totalContacts: number }).totalContacts;
    });
    rows.push({
      part: 'province', metric: `trace a port's crew member over a month, first page of ${contacts.toLocaleString('en')} contacts, ${size}: median / p95 ms`,
      value: `${fmt(median(crew.times))} / ${fmt(percentile(crew.times, 95))}`, baseline: base,
      target: '≤ 200 ms p95', met: percentile(crew.times, 95) <= 200,
    });
    // The last twelve whole calendar months, as the province asks for a year.
    const lastMonthEnd = new Date(Date.UTC(Number(dateOf(loaded.lastDay).slice(0, 4)), Number(dateOf(loaded.lastDay).slice(5, 7)) - 1, 0));
    const yearStart = new Date(Date.UTC(lastMonthEnd.getUTCFullYear() - 1, lastMonthEnd.getUTCMonth() + 1, 1));
    const year = `from=${yearStart.toISOString().slice(0, 10)}&to=${lastMonthEnd.toISOString().slice(0, 10)}`;
    const unit = await timed(10, () => inject('GET', `/api/v1/reports/units?org=${seeded.provinceId}&${year}`));
    rows.push({
      part: 'province', metric: `unit report for the province over 12 calendar months (${year.replace('&', ' ')}), ${size}: median / p95 ms`,
      value: `${fmt(median(unit.times))} / ${fmt(percentile(unit.times, 95))}`, baseline: base,
      target: '≤ 200 ms p95', met: percentile(unit.times, 95) <= 200,
    });
    const daily = await timed(10, () => inject('GET', `/api/v1/reports/daily?org=${seeded.provinceId}&${year}`));
    rows.push({ part: 'province', metric: `daily report for the province over 12 calendar months, ${size}: median / p95 ms`, value: `${fmt(median(daily.times))} / ${fmt(percentile(daily.times, 95))}`, baseline: base });

    // Ingest at a busy port through the sync API, read side maintained, vs bare inserts of the same rows.
    const { token, deviceId } = await enrolDevice(app, seeded.portIds[0]!);
    const batches = Array.from({ length: INGEST_BATCHES }, (_, b) => portBatch(1000, b));
    const ingestStart = performance.now();
    for (const records of batches) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` }, payload: { sentAt: Date.now(), records } });
      if (res.statusCode !== 200) throw new Error(`push failed: ${res.body.slice(0, 200)}`);
    }
    const ingestPerS = (INGEST_BATCHES * 1000) / ((performance.now() - ingestStart) / 1000);
    const bareStart = performance.now();
    for (const records of batches) {
      const bare: CheckinTable[] = records.map((r) => ({
        id: uuid7(r.deviceTime), device_id: deviceId, site_id: seeded.portIds[0]!, seq: r.seq, direction: r.direction, subject: r.visitor.subject,
        kind: 'cccd', name: r.visitor.name ?? null, visitor: JSON.stringify(r.visitor), device_time: r.deviceTime, received_at: r.deviceTime, corrected_time: r.deviceTime,
      }));
      await t.db.transaction().execute(async (trx) => {
        for (let i = 0; i < bare.length; i += 500) await trx.insertInto('checkin').values(bare.slice(i, i + 500)).execute();
      });
    }
    const barePerS = (INGEST_BATCHES * 1000) / ((performance.now() - bareStart) / 1000);
    rows.push({
      part: 'province', metric: `ingest at a busy port via the sync API with the read side, ${size}: records/s`,
      value: fmt(ingestPerS, 0), baseline: `${fmt(barePerS, 0)} bare INSERT of the same rows`, ratio: ratio(ingestPerS, barePerS),
      ...(engine === 'sqlite' ? { target: '≥ 50,000/s', met: ingestPerS >= 50_000 } : {}),
    });

    // Disk per check-in (tables and indexes, read side included).
    const total = n + 2 * INGEST_BATCHES * 1000;
    let bytes: number;
    if (t.config.database.engine === 'sqlite') {
      const file = t.config.database.file;
      await sql`pragma wal_checkpoint(TRUNCATE)`.execute(t.db);
      bytes = statSync(file).size + (existsSync(`${file}-wal`) ? statSync(`${file}-wal`).size : 0);
    } else {
      const r = await sql<{ b: string }>`select sum(pg_total_relation_size(c.oid))::text as b from pg_class c join pg_namespace s on s.oid = c.relnamespace where s.nspname = current_schema() and c.relkind = 'r'`.execute(t.db);
      bytes = Number(r.rows[0]?.b ?? 0);
    }
    rows.push({ part: 'province', metric: `disk per check-in, ${size}: bytes (check-ins, indexes and read side)`, value: fmt(bytes / total, 0) });
    await app.close();
    app = undefined;

    for (const r of rows) log(`${r.metric}: ${r.value}`);
    const push = await pushUnderLoad(t, seeded, loaded, token, size, month, year);
    for (const r of push) log(`${r.metric}: ${r.value} (baseline ${r.baseline})`);
    rows.push(...push);
  } finally {
    await app?.close();
    await t.cleanup();
  }
  return rows;
}

/** A kiosk's push latency, idle and while three clients hammer reports, trace and the live log (real process). */
async function pushUnderLoad(
  t: Awaited<ReturnType<typeof openTestDatabase>>,
  seeded: Awaited<ReturnType<typeof seedProvince>>,
  loaded: { crew: string[] },
  token: string,
  size: string,
  month: { from: string; to: string },
  year: string,
): Promise<BenchRow[]> {
  const server = await startServer({
    startTimeoutMs: 180_000,
    dataDir: t.config.dataDir,
    env: t.config.database.engine === 'postgres' ? { DATABASE_URL: t.env.DATABASE_URL!, GATELOG_TZ: TZ } : { GATELOG_TZ: TZ },
  });
  const admin = { authorization: `Bearer ${seeded.adminToken}`, 'content-type': 'application/json' };
  let batch = 1000;
  const pushes = async (count: number) => {
    const times: number[] = [];
    for (let i = 0; i < count; i++) {
      const records = portBatch(20, batch++);
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/v1/sync/checkins`, {
        method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ sentAt: Date.now(), records }),
      });
      await res.arrayBuffer();
      times.push(performance.now() - t0);
      if (!res.ok) throw new Error(`push answered ${res.status}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    return times;
  };
  try {
    const idle = await pushes(PUSHES);
    let stop = false;
    let reads = 0;
    const hammer = async (request: () => Promise<Response>) => {
      while (!stop) {
        const res = await request();
        await res.arrayBuffer();
        reads++;
      }
    };
    const loaders = [
      hammer(() => fetch(`${server.url}/api/v1/reports/units?org=${seeded.provinceId}&${year}`, { headers: admin })),
      hammer(() => fetch(`${server.url}/api/v1/trace`, { method: 'POST', headers: admin, body: JSON.stringify({ subject: loaded.crew[0], ...month }) })),
      hammer(() => fetch(`${server.url}/api/v1/sites/${seeded.portIds[0]}/log?q=kh%C3%A1ch%2012`, { headers: admin })),
    ];
    const loadedTimes = await pushes(PUSHES);
    stop = true;
    await Promise.all(loaders);
    const idleP99 = percentile(idle, 99);
    const loadP99 = percentile(loadedTimes, 99);
    return [{
      part: 'province', metric: `kiosk push p99 while 3 clients read reports, trace and the live log (${reads} reads), ${size}: ms`,
      value: fmt(loadP99), baseline: `${fmt(idleP99)} ms idle (median ${fmt(median(idle))})`, ratio: ratio(loadP99, idleP99),
      target: '≤ 2×', met: loadP99 <= 2 * idleP99,
    }];
  } finally {
    await server.stop();
  }
}
