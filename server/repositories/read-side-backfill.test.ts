import { Migrator, sql, type Migration } from 'kysely';
import { afterEach, expect, it } from 'vitest';
import { MIGRATIONS } from '../migrations';
import { migrateToLatest } from '../db/migrate';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { seedSite, uuidv7 } from '../test-support/fixtures';
import { createRepositories } from '.';
import { ensureReadSide } from './read-side';

const TZ = 'Asia/Ho_Chi_Minh';
const CHECKINS = 40_000;

describeEngines('read side backfill (%s)', (engine) => {
  let t: TestDatabase;
  afterEach(() => t?.cleanup());

  it('builds visits and counts for a database from before the read side, with progress, once', async () => {
    t = await openTestDatabase(engine);
    // The schema as the last release left it: every migration before 004.
    const before = Object.fromEntries(Object.entries(MIGRATIONS).filter(([name]) => name < '004'));
    const migrator = new Migrator({ db: t.db, provider: { getMigrations: async (): Promise<Record<string, Migration>> => before } });
    const { error } = await migrator.migrateToLatest();
    expect(error).toBeUndefined();
    const repos = createRepositories(t.db, { timeZone: TZ });
    const { site } = await seedSite(repos);
    const device = await repos.devices.create({ siteId: site.id, codeHash: 'x', codeExpiresAt: Date.now() });
    // A busy gate's month: 1,000 people a day, IN then OUT (every 10th forgets to scan out).
    const start = Date.parse('2025-03-01T06:00:00+07:00');
    const rows: unknown[][] = [];
    for (let i = 0; rows.length < CHECKINS; i++) {
      const subject = `0010990${String(i % 5000).padStart(5, '0')}`;
      const tin = start + Math.floor(i / 1000) * 86_400_000 + (i % 1000) * 30_000;
      rows.push([uuidv7(tin), device.id, site.id, rows.length, 'in', subject, 'cccd', 'Khách', '{}', tin, tin, tin]);
      if (i % 10 !== 0) rows.push([uuidv7(tin + 3_600_000), device.id, site.id, rows.length, 'out', subject, 'cccd', 'Khách', '{}', tin + 3_600_000, tin + 3_600_000, tin + 3_600_000]);
    }
    const insert = sql`insert into checkin (id, device_id, site_id, seq, direction, subject, kind, name, visitor, device_time, received_at, corrected_time) values `;
    for (let i = 0; i < rows.length; i += 2000) {
      const chunk = rows.slice(i, i + 2000);
      await sql`${insert}${sql.join(chunk.map((r) => sql`(${sql.join(r)})`))}`.execute(t.db);
    }

    await migrateToLatest(t.db);
    const lines: string[] = [];
    await ensureReadSide(t.db, TZ, (line) => lines.push(line));
    expect(lines.at(-1)).toMatch(/^read side built for Asia\/Ho_Chi_Minh in /);
    expect(lines.some((l) => l.includes(`/ ${CHECKINS.toLocaleString('en')} check-ins`))).toBe(true);
    expect(lines.filter((l) => l.includes('%')).length).toBeGreaterThanOrEqual(3);

    const visits = Number((await t.db.selectFrom('visit').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const ins = rows.filter((r) => r[4] === 'in').length;
    expect(visits).toBe(ins); // every IN is one visit, closed by its OUT or not
    const scans = Number((await t.db.selectFrom('site_hour_count').select((eb) => eb.fn.sum('scans').as('n')).executeTakeFirstOrThrow()).n);
    expect(scans).toBe(CHECKINS);

    // Built once: a second start finds it in place and prints nothing.
    const again: string[] = [];
    await ensureReadSide(t.db, TZ, (line) => again.push(line));
    expect(again).toEqual([]);
    // Another time zone moves local days: it is rebuilt.
    await ensureReadSide(t.db, 'UTC', (line) => again.push(line));
    expect(again.at(-1)).toMatch(/built for UTC/);
  }, 240_000);
});
