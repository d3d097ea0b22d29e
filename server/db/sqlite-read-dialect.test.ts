import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from './migrate';
import { connectReader } from './connect';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import type { Db } from './schema';

describe('SQLite read connection', () => {
  let t: TestDatabase;
  let reader: Db | undefined;
  afterEach(async () => {
    await reader?.destroy();
    await t?.cleanup();
  });

  it('runs a long read off the event loop, sees committed writes, and refuses to write', async () => {
    t = await openTestDatabase('sqlite');
    await migrateToLatest(t.db);
    reader = connectReader(t.config.database, t.db);
    expect(reader).not.toBe(t.db);

    // A read that keeps SQLite busy for a while: on the main thread no timer could fire until it ended.
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const started = performance.now();
    const { rows } = await sql<{ n: number }>`with recursive c(x) as (select 1 union all select x + 1 from c where x < 3000000) select count(*) as n from c`.execute(reader);
    const took = performance.now() - started;
    clearInterval(timer);
    expect(rows[0]!.n).toBe(3_000_000);
    // The event loop kept turning during the read: blocked, not one timer could fire until it ended. (A busy
    // machine delays timers, so ask for a clear signal, not one tick per 5 ms.)
    expect(took).toBeGreaterThan(100);
    expect(ticks).toBeGreaterThan(10);

    await t.db.insertInto('org').values({ id: 'org_x', name: 'Tỉnh', parent_id: null, created_at: 1 }).execute();
    expect(await reader.selectFrom('org').select('name').execute()).toEqual([{ name: 'Tỉnh' }]);
    await expect(sql`delete from org`.execute(reader)).rejects.toThrow();
  }, 60_000);
});
