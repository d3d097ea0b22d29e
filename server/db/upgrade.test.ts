import { Kysely, Migrator, PostgresAdapter, sql, type Migration } from 'kysely';
import type { FastifyInstance } from 'fastify';
import { afterEach, expect, it } from 'vitest';
import { DEFAULT_POLICY, type PushResponse } from '../../src/protocol';
import { buildApp } from '../app';
import { sha256 } from '../lib/secrets';
import { MIGRATIONS } from '../migrations';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { checkIn } from '../test-support/fixtures';
import { migrateToLatest, readSchemaStatus, SchemaTooNewError } from './migrate';

/**
 * The newest migration of the last release (main when issue #15 started). Every migration after it is what this
 * upgrade brings, so "the previous release" stays all of them up to here, however many land after.
 */
const LAST_RELEASED_MIGRATION = '003-passes-rosters';
const PREVIOUS_RELEASE = Object.keys(MIGRATIONS).sort().filter((name) => name <= LAST_RELEASED_MIGRATION);

/** Migrates a fresh database exactly as the previous release left it. */
async function migrateToPreviousRelease(t: TestDatabase): Promise<void> {
  const isPostgres = t.db.getExecutor().adapter instanceof PostgresAdapter;
  const schema = isPostgres ? (await sql<{ s: string }>`select current_schema() as s`.execute(t.db)).rows[0]?.s : undefined;
  const migrations: Record<string, Migration> = Object.fromEntries(PREVIOUS_RELEASE.map((name) => [name, MIGRATIONS[name]!]));
  const migrator = new Migrator({ db: t.db, provider: { getMigrations: async () => migrations }, ...(schema ? { migrationTableSchema: schema } : {}) });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error;
}

const TOKEN = 'kiosk-token-from-the-previous-release';
const T0 = Date.parse('2026-03-10T08:00:00+07:00');
const OLD_RECORDS = [1, 2, 3].map((seq) => checkIn({ seq, deviceTime: T0 + seq * 60_000, direction: seq === 2 ? 'out' : 'in' }));

/** An org, a site, an enrolled kiosk and its check-ins, written as rows of the previous release's tables. */
async function seedPreviousRelease(t: TestDatabase): Promise<void> {
  // Untyped on purpose: these are the old release's tables, not this version's schema.ts.
  const db = t.db as unknown as Kysely<any>;
  await db.insertInto('org').values({ id: 'org_old', name: 'Sở Y tế', parent_id: null, created_at: T0 }).execute();
  await db.insertInto('site').values({ id: 'site_old', org_id: 'org_old', name: 'Cảng Cái Rồng', policy: JSON.stringify(DEFAULT_POLICY), created_at: T0 }).execute();
  await db.insertInto('device').values({
    id: 'dev_old', site_id: 'site_old', name: null, token_hash: sha256(TOKEN), enrol_code_hash: sha256('spent-code'),
    enrol_code_expires_at: T0, enrolled_at: T0, revoked_at: null, last_sync_at: T0, pending_reported: 0, app_version: '0.1.0', created_at: T0,
  }).execute();
  for (const r of OLD_RECORDS) {
    await db.insertInto('checkin').values({
      id: r.id, device_id: 'dev_old', site_id: 'site_old', seq: r.seq, direction: r.direction, subject: r.visitor.subject,
      kind: r.visitor.kind, name: r.visitor.name ?? null, visitor: JSON.stringify(r.visitor), device_time: r.deviceTime,
      received_at: r.deviceTime, corrected_time: r.deviceTime,
    }).execute();
  }
}

describeEngines('upgrading a database of the previous release (%s)', (engine) => {
  let t: TestDatabase | undefined;
  let app: FastifyInstance | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
    await t?.cleanup();
    t = undefined;
  });

  it('migrates it once, keeps its data, and its kiosks keep syncing', async () => {
    t = await openTestDatabase(engine);
    await migrateToPreviousRelease(t);
    await seedPreviousRelease(t);
    const before = await readSchemaStatus(t.db);
    expect(before.applied).toEqual(PREVIOUS_RELEASE);
    expect(before.unknown).toEqual([]);

    app = await buildApp(t.config, { db: t.db, logger: false, retentionJob: false });
    await app.ready();
    const after = await readSchemaStatus(t.db);
    expect(after.applied).toEqual(Object.keys(MIGRATIONS).sort());
    expect(after.pending).toEqual([]);

    const rows = await t.db.selectFrom('checkin').select(['id', 'site_id', 'device_id']).orderBy('seq').execute();
    expect(rows).toEqual(OLD_RECORDS.map((r) => ({ id: r.id, site_id: 'site_old', device_id: 'dev_old' })));
    expect((await app.repos.sites.get('site_old'))?.name).toBe('Cảng Cái Rồng');

    // The kiosk enrolled under the old release pushes on with its old token: its old records are known, a new one goes in.
    const fresh = checkIn({ seq: 4, deviceTime: T0 + 10 * 60_000 });
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${TOKEN}` },
      payload: { sentAt: fresh.deviceTime, records: [...OLD_RECORDS, fresh] },
    });
    expect(res.statusCode, res.body).toBe(200);
    expect((res.json() as PushResponse).results.map((r) => r.status)).toEqual(['duplicate', 'duplicate', 'duplicate', 'accepted']);

    // A second start finds nothing to do.
    await app.close();
    app = undefined;
    expect(await migrateToLatest(t.db)).toEqual([]);
    const names = (await readSchemaStatus(t.db)).applied;
    expect(new Set(names).size).toBe(names.length);
  });

  it('refuses, touching nothing, a database that a newer version has migrated', async () => {
    t = await openTestDatabase(engine);
    await migrateToLatest(t.db);
    const db = t.db as unknown as Kysely<any>;
    await db.insertInto('kysely_migration').values({ name: '999-from-the-future', timestamp: new Date().toISOString() }).execute();

    const started = buildApp(t.config, { db: t.db, logger: false, retentionJob: false }).then((a) => a.ready());
    await expect(started).rejects.toThrow(SchemaTooNewError);
    await expect(started).rejects.toThrow(/newer Gatelog.*999-from-the-future/);
    expect((await readSchemaStatus(t.db)).unknown).toEqual(['999-from-the-future']);
  });
});
