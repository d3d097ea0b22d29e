import fc from 'fast-check';
import { issueDevice } from '../server/enrolment/issue-code';
import { migrateToLatest } from '../server/db/migrate';
import { hashPassword } from '../server/lib/passwords';
import { createRepositories } from '../server/repositories';
import { rosterCsvBytes } from '../server/test-support/roster-csv-arbitrary';
import { apiCase, requestOf, type FuzzWorld } from '../server/test-support/api-fuzz';
import { openTestDatabase } from '../server/test-support/engines';
import { parseRosterCsv } from '../server/rosters/parse-roster-csv';
import { parseCccd } from '../src/domain/cccd';
import { visitorFromManualEntry } from '../src/domain/manual-entry';
import { parseOpaque } from '../src/domain/opaque';
import { parsePass } from '../src/domain/pass';
import { parseCode } from '../src/domain/parse-code';
import type { ParseResult } from '../src/domain/parse-result';
import { en } from '../src/i18n/en';
import { visitorSchema } from '../src/protocol/visitor';
import { manualEntryInput, qrPayload } from '../tests/support/arbitraries';
import { startServer } from '../tests/support/server-process';

/**
 * `npm run fuzz [-- --qr N --api N --seed S]` (#10, Fuzzing): 1M QR payloads through every parser, then 100k API
 * requests to a real server process (SQLite, or PostgreSQL when DATABASE_URL is set). It prints the counts and exits
 * non-zero on any crash, unreasoned answer or answer ≥ 500. The same inputs run a few thousand times in the unit tests.
 */

const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const QR_RUNS = arg('qr', 1_000_000);
const API_RUNS = arg('api', 100_000);
const SEED = arg('seed', 20261127);
const CHUNK = 5_000;
const CONCURRENCY = 8;
const n = (x: number) => x.toLocaleString('en-US');

/** Samples `total` values of `arb` a chunk at a time (reproducible from the seed), so 1M never sit in memory. */
function* samples<T>(arb: fc.Arbitrary<T>, total: number, seed: number): Generator<T> {
  for (let done = 0, chunk = 0; done < total; chunk++) {
    const size = Math.min(CHUNK, total - done);
    yield* fc.sample(arb, { numRuns: size, seed: seed + chunk });
    done += size;
  }
}

interface Tally {
  inputs: number;
  crashes: number;
  unreasoned: number;
  outcomes: Map<string, number>;
  examples: string[];
}
const tally = (): Tally => ({ inputs: 0, crashes: 0, unreasoned: 0, outcomes: new Map(), examples: [] });
const bump = (t: Tally, key: string) => t.outcomes.set(key, (t.outcomes.get(key) ?? 0) + 1);

/** A parse result is fine when it is a visitor the server stores, or a reason the kiosk has words for. */
function judge(t: Tally, input: string, run: () => ParseResult): void {
  let result: ParseResult;
  try {
    result = run();
  } catch (err) {
    t.crashes++;
    if (t.examples.length < 5) t.examples.push(`${JSON.stringify(input).slice(0, 120)} threw ${String(err)}`);
    return;
  }
  if (result.ok ? !visitorSchema.safeParse(result.visitor).success : !en[`reason_${result.reason}` as keyof typeof en]) {
    t.unreasoned++;
    if (t.examples.length < 5) t.examples.push(`${JSON.stringify(input).slice(0, 120)} → ${JSON.stringify(result).slice(0, 200)}`);
  }
  bump(t, result.ok ? `visitor:${result.visitor.kind}` : `rejected:${result.reason}`);
}

function fuzzParsers(): { qr: Tally; manual: Tally; roster: Tally } {
  const now = new Date();
  const qr = tally();
  for (const text of samples(qrPayload, QR_RUNS, SEED)) {
    qr.inputs++;
    judge(qr, text, () => parseCode(text, now));
    // Each parser alone too: a dispatcher bug must not be what keeps one from crashing.
    const t = tally();
    judge(t, text, () => parseCccd(text, now));
    judge(t, text, () => parsePass(text));
    judge(t, text, () => parseOpaque(text));
    qr.crashes += t.crashes;
    qr.unreasoned += t.unreasoned;
    qr.examples.push(...t.examples.slice(0, Math.max(0, 5 - qr.examples.length)));
    if (qr.inputs % 100_000 === 0) process.stderr.write(`fuzz: ${n(qr.inputs)} QR payloads\n`);
  }

  const manual = tally();
  for (const { name, contact } of samples(manualEntryInput, Math.max(1, QR_RUNS / 10), SEED + 1)) {
    manual.inputs++;
    try {
      const result = visitorFromManualEntry(name, contact);
      if (typeof result === 'string' ? !en[`manual_${result}` as keyof typeof en] : !visitorSchema.safeParse(result).success) manual.unreasoned++;
      bump(manual, typeof result === 'string' ? result : 'visitor');
    } catch {
      manual.crashes++;
    }
  }

  const roster = tally();
  for (const bytes of samples(rosterCsvBytes, Math.max(1, QR_RUNS / 100), SEED + 2)) {
    roster.inputs++;
    try {
      const parsed = parseRosterCsv(bytes);
      bump(roster, parsed.rows.length ? 'rows' : 'errors only');
    } catch {
      roster.crashes++;
    }
  }
  return { qr, manual, roster };
}

async function fuzzApi(): Promise<{ engine: string; api: Tally; networkErrors: number; alive: boolean; serverErrors: string[] }> {
  const engine = process.env.DATABASE_URL ? 'postgres' : 'sqlite';
  const t = await openTestDatabase(engine);
  await migrateToLatest(t.db);
  const repos = createRepositories(t.db, { timeZone: t.config.timeZone });
  const org = (await repos.orgs.create({ name: 'Sở Y tế (fuzz)', parentId: null }))!;
  const site = await repos.sites.create({ orgId: org.id, name: 'Cổng chính (fuzz)' });
  const issued = await issueDevice(repos, { siteId: site.id, baseUrl: 'http://fuzz.test' });
  await repos.admins.create({ orgId: org.id, email: 'fuzz@example.vn', passwordHash: await hashPassword('fuzz password') });
  const server = await startServer({ dataDir: t.config.dataDir, env: { ...t.env, LOG_LEVEL: 'error' } });
  const api = tally();
  let networkErrors = 0;
  try {
    const post = async (path: string, body: unknown) =>
      (await (await fetch(`${server.url}/api/v1${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).json()) as { token: string };
    const world: FuzzWorld = {
      orgId: org.id,
      siteId: site.id,
      deviceToken: (await post('/enrol', { code: issued.code })).token,
      adminToken: (await post('/auth/login', { email: 'fuzz@example.vn', password: 'fuzz password' })).token,
    };
    const cases = samples(apiCase, API_RUNS, SEED + 3);
    const worker = async () => {
      for (let next = cases.next(); !next.done; next = cases.next()) {
        const { method, url, headers, payload } = requestOf(next.value, world);
        if (++api.inputs % 10_000 === 0) process.stderr.write(`fuzz: ${n(api.inputs)} API requests\n`);
        try {
          const res = await fetch(`${server.url}${url}`, { method, headers, ...(payload ? { body: new Uint8Array(payload) } : {}) });
          const text = await res.text();
          bump(api, `${Math.floor(res.status / 100)}xx`);
          if (res.status >= 500) {
            api.unreasoned++;
            if (api.examples.length < 5) api.examples.push(`${method} ${url.slice(0, 80)} → ${res.status} ${text.slice(0, 120)}`);
          }
        } catch (err) {
          networkErrors++;
          if (api.examples.length < 5) api.examples.push(`${method} ${url.slice(0, 80)} → ${String(err)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const alive = server.alive() && (await fetch(`${server.url}/api/v1/health`).then((r) => r.ok, () => false));
    const serverErrors = server.output().split('\n').filter((l) => /"level":(50|60)/.test(l)).slice(0, 5).map((l) => l.slice(0, 300));
    return { engine, api, networkErrors, alive, serverErrors };
  } finally {
    await server.stop();
    await t.cleanup();
  }
}

const outcomes = (t: Tally, top = 8) =>
  [...t.outcomes].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, v]) => `${k} ${n(v)}`).join(', ');

async function main(): Promise<void> {
  const started = Date.now();
  const { qr, manual, roster } = fuzzParsers();
  const parsersSeconds = (Date.now() - started) / 1000;
  console.log(`QR payloads: ${n(qr.inputs)} (each through parseCode, parseCccd, parsePass, parseOpaque), ${qr.crashes} crashes, ${qr.unreasoned} unreasoned — ${outcomes(qr)}`);
  console.log(`manual-entry inputs: ${n(manual.inputs)}, ${manual.crashes} crashes, ${manual.unreasoned} unreasoned — ${outcomes(manual)}`);
  console.log(`roster files: ${n(roster.inputs)}, ${roster.crashes} crashes — ${outcomes(roster)}`);
  console.log(`parsers: ${parsersSeconds.toFixed(0)} s`);
  for (const e of [...qr.examples, ...manual.examples]) console.log(`  ${e}`);

  const apiStarted = Date.now();
  const { engine, api, networkErrors, alive, serverErrors } = await fuzzApi();
  console.log(
    `API requests to a real server (${engine}): ${n(api.inputs)}, ${api.unreasoned} answers ≥ 500, ${networkErrors} network errors, server ${alive ? 'alive' : 'CRASHED'} — ${outcomes(api)} (${((Date.now() - apiStarted) / 1000).toFixed(0)} s)`,
  );
  for (const e of [...api.examples, ...serverErrors]) console.log(`  ${e}`);
  const failed = qr.crashes + qr.unreasoned + manual.crashes + manual.unreasoned + roster.crashes + api.unreasoned + networkErrors > 0 || !alive;
  process.exitCode = failed ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
