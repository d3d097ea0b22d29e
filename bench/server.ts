import pg from 'pg';
import type { Engine } from '../server/test-support/engines';
import { benchProvince } from './province';
import type { BenchRow } from './support/stats';

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

/**
 * The server at province scale (issue #9), per engine: a generated year of a province (≈ 10M check-ins at
 * GATELOG_BENCH_SCALE=1; PostgreSQL at GATELOG_BENCH_PG_SCALE when set), backfilled, then trace, reports, ingest, disk and push latency under read load.
 */
export async function benchServer(): Promise<{ rows: BenchRow[] }> {
  const scale = Number(process.env.GATELOG_BENCH_SCALE ?? 1);
  const rows: BenchRow[] = [];
  // GATELOG_BENCH_ENGINES=sqlite (or postgres) measures one engine only.
  const wanted = process.env.GATELOG_BENCH_ENGINES?.split(',') ?? ['sqlite', 'postgres'];
  const engines = ((await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite']).filter((e) => wanted.includes(e)) as Engine[];
  for (const engine of engines) {
    const engineScale = engine === 'postgres' ? Number(process.env.GATELOG_BENCH_PG_SCALE ?? scale) : scale;
    rows.push(...(await benchProvince(engine, engineScale, (line) => process.stderr.write(`bench: ${line}\n`))));
  }
  return { rows };
}
