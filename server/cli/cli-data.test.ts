import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { parseCode } from '../../src/domain/parse-code';
import { checkPassSignature } from '../../src/domain/pass-signature';
import { migrateToLatest } from '../db/migrate';
import { issueDevice } from '../enrolment/issue-code';
import { createRepositories } from '../repositories';
import { publishedPassKeys } from '../passes/pass-signer';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { seedSite, uuidv7 } from '../test-support/fixtures';
import { encodeWindows1258 } from '../test-support/windows-1258';
import { runCliJson } from '../test-support/run-cli';


const SLOW = { timeout: 90_000 };

describeEngines('gatelog CLI: passes, rosters, purge (%s)', (engine) => {
  let t: TestDatabase;
  let dir: string;
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    await migrateToLatest(t.db);
    dir = mkdtempSync(path.join(tmpdir(), 'gatelog-cli-'));
  });
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.cleanup();
  });

  it('issues a signed pass, imports a Windows-1258 roster, and purges with a given clock', SLOW, async () => {
    const repos = createRepositories(t.db, { timeZone: t.config.timeZone });
    const { site } = await seedSite(repos, { policy: { keptFields: ['name'], retentionDays: 30 } });

    const pass = await runCliJson<{ text: string; passId: string }>(t.env, ['pass', 'issue', '--site', site.id, '--name', 'Đỗ Thị Mai', '--phone', '0912345678', '--valid-until', '2099-01-31']);
    const parsed = parseCode(pass.text);
    expect(parsed).toMatchObject({ ok: true, visitor: { subject: pass.passId, name: 'Đỗ Thị Mai' } });
    expect(await checkPassSignature(parsed.claim!, await publishedPassKeys(repos))).toBeNull();

    const file = path.join(dir, 'roster.csv');
    writeFileSync(file, encodeWindows1258('Mã số;Họ tên;Lớp\r\nHS1;Nguyễn Thị Ánh Tuyết;6A1\r\nHS2;;6A1\r\n'));
    const refused = await runCliJson<{ applied: boolean; errors: unknown[] }>(t.env, ['roster', 'import', '--site', site.id, '--file', file]);
    expect(refused).toMatchObject({ applied: false, encoding: 'windows-1258', errors: [{ line: 3, message: 'missing name' }] });
    expect(await runCliJson(t.env, ['roster', 'import', '--site', site.id, '--file', file, '--skip-invalid'])).toMatchObject({ applied: true, added: 1 });
    expect(await repos.rosters.listAll(site.id)).toEqual([{ code: 'HS1', name: 'Nguyễn Thị Ánh Tuyết', group: '6A1', role: '', version: 1, deleted: false }]);

    const at = Date.parse('2025-01-01T08:00:00Z');
    const deviceId = (await issueDevice(repos, { siteId: site.id, baseUrl: 'http://kiosk.test' })).device.id;
    await repos.checkins.insertBatch([
      { id: uuidv7(at), device_id: deviceId, site_id: site.id, seq: 1, direction: 'in', subject: 'S1', kind: 'opaque', name: null, visitor: '{}', device_time: at, received_at: at, corrected_time: at },
    ]);
    expect(await runCliJson(t.env, ['purge', '--now', '2025-01-20T00:00:00Z'])).toEqual({ anonymised: 0, passes: 0 });
    expect(await runCliJson(t.env, ['purge', '--now', '2025-02-20T00:00:00Z'])).toEqual({ anonymised: 1, passes: 0 });
  });
});
