import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import type { PushResponse } from '../../../src/protocol';
import { buildApp } from '../../app';
import { openTestDatabase, type TestDatabase } from '../../test-support/engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import { stopTestApp } from '../../test-support/test-app';
import { describeEngines } from '../../test-support/describe-engines';

const TOKEN = 'metrics-token-0123456789';

/** What an operator sees of the sync route: the log when the database refuses records, and the ingest metrics. */
describeEngines('sync route signals for operators (%s)', (engine) => {
  let t: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  afterEach(() => stopTestApp(app, t));

  async function start(lines: string[] = []) {
    t = await openTestDatabase(engine, { logLevel: 'info', metricsToken: TOKEN });
    app = await buildApp(t.config, { db: t.db, logStream: { write: (line) => void lines.push(line) } });
    await app.ready();
    const { site } = await seedSite(app.repos);
    const { token } = await enrolDevice(app, site.id);
    const push = async (records: unknown[]) =>
      (await app!.inject({ method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` }, payload: { sentAt: Date.now(), records } })).json() as PushResponse;
    return { push, app: app!, t: t! };
  }

  it('logs why a batch went in record by record, with the database code and never the record', async () => {
    const lines: string[] = [];
    const { push, t } = await start(lines);
    if (engine === 'sqlite') {
      await sql`create trigger refuse_one before insert on checkin when new.subject = 'REFUSE-ME' begin select raise(abort, 'refused REFUSE-ME'); end`.execute(t.db);
    } else {
      await sql`alter table checkin add constraint refuse_one check (subject <> 'REFUSE-ME')`.execute(t.db);
    }
    const { results } = await push([checkIn({ seq: 1 }), checkIn({ seq: 2, visitor: { kind: 'badge', subject: 'REFUSE-ME', idNumber: undefined, name: 'Lê Thị Mận' } })]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'rejected']);

    const entries = lines.map((l) => JSON.parse(l) as { msg: string; code?: string | null; records?: number });
    const fallback = entries.find((e) => e.msg === 'batch insert failed; inserting records one by one')!;
    const refused = entries.find((e) => e.msg === 'record refused by the database')!;
    const code = engine === 'sqlite' ? /^SQLITE_CONSTRAINT/ : /^23514$/;
    expect(fallback).toMatchObject({ records: 2, code: expect.stringMatching(code) });
    expect(refused).toMatchObject({ code: expect.stringMatching(code) });
    expect(lines.join('')).not.toMatch(/REFUSE-ME|Lê Thị Mận/);
  });

  it('measures ingest lag once per record stored, not again for a resent batch', async () => {
    const { push, app } = await start();
    const batch = [checkIn({ seq: 1, deviceTime: Date.now() - 120_000 }), checkIn({ seq: 2, deviceTime: Date.now() - 120_000 })];
    await push(batch);
    await push(batch); // the answer was lost; the kiosk sends it again
    const metrics = (await app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${TOKEN}` } })).body;
    expect(metrics).toMatch(/^gatelog_ingest_lag_seconds_count 2$/m);
    expect(metrics).toMatch(/^gatelog_ingest_lag_seconds_bucket\{le="60"\} 0$/m);
    expect(metrics).toMatch(/^gatelog_ingest_lag_seconds_bucket\{le="300"\} 2$/m);
  });
});
