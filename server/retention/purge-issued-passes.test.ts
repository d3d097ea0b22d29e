import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../app';
import { issueSignedPass } from '../passes/pass-signer';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { seedSite } from '../test-support/fixtures';
import { stopTestApp } from '../test-support/test-app';
import { purgeExpired } from './purge-expired';
import { describeEngines } from '../test-support/describe-engines';

const DAY = 86_400_000;
const NOW = Date.parse('2025-06-20T12:00:00+07:00');

describeEngines('retention of issued passes (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;

  beforeEach(async () => {
    t = await openTestDatabase(engine);
    app = await buildApp(t.config, { db: t.db, logger: false, retentionJob: false });
    await app.ready();
  });
  afterEach(() => stopTestApp(app, t));

  it('drops the personal fields of passes issued before each site keeps them, counts them once, and keeps younger ones', async () => {
    const { org, site: week } = await seedSite(app.repos, { policy: { keptFields: ['name', 'phone'], retentionDays: 7 } });
    const month = await app.repos.sites.create({ orgId: org.id, name: 'Keeps 30 days', policy: { keptFields: ['name', 'phone'], retentionDays: 30 } });
    const issue = (siteId: string, name: string, phone: string, daysAgo: number) =>
      issueSignedPass(app.repos, { siteId, issuedBy: 'admin', name, phone }, NOW - daysAgo * DAY);
    const old = await issue(week.id, 'Trần Thị Cũ', '0901000001', 10);
    const young = await issue(week.id, 'Lê Văn Mới', '0901000002', 3);
    const kept = await issue(month.id, 'Phạm Thị Giữ', '0901000003', 10);

    expect(await purgeExpired(app.repos, NOW)).toEqual({ anonymised: 0, passes: 1 });
    expect(await purgeExpired(app.repos, NOW)).toEqual({ anonymised: 0, passes: 0 }); // idempotent

    // A data request for the old pass's phone finds nothing any more; the pass id still finds the anonymised record.
    expect(await app.repos.issuedPasses.findBySubject('0901000001', [week.id])).toEqual([]);
    expect(await app.repos.issuedPasses.findBySubject(old.passId, [week.id])).toMatchObject([{ name: 'purged', phone: null, id_number: null }]);
    expect(await app.repos.issuedPasses.findBySubject('0901000002', [week.id])).toMatchObject([{ pass_id: young.passId, name: 'Lê Văn Mới' }]);
    expect(await app.repos.issuedPasses.findBySubject('0901000003', [month.id])).toMatchObject([{ pass_id: kept.passId, name: 'Phạm Thị Giữ' }]);

    // Twenty-five days on, the month site's pass and the week site's young one go too.
    expect(await purgeExpired(app.repos, NOW + 25 * DAY)).toEqual({ anonymised: 0, passes: 2 });
  });
});
