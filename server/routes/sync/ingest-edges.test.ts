import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushResponse } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import { type TestDatabase } from '../../test-support/engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import { startTestApp, stopTestApp } from '../../test-support/test-app';
import { EARLIEST_TIME, FUTURE_SLACK_MS, LATEST_DEVICE_TIME } from './storable';
import { describeEngines } from '../../test-support/describe-engines';

const LAN = '0912345678';

/**
 * Edges of what the sync route stores: a refused record names itself so the kiosk can set it aside, the time
 * bounds hold to the millisecond, and a late record of an erased person is stored naming nobody (issue #10).
 */
describeEngines('sync route edges (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let token: string;
  let siteId: string;
  let orgId: string;

  const push = async (records: unknown[], sentAt = Date.now()) => {
    const res = await app.inject({ method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` }, payload: { sentAt, records } });
    expect(res.statusCode).toBe(200);
    return (res.json() as PushResponse).results;
  };
  const stored = async () => (await t.db.selectFrom('checkin').select(['subject', 'name', 'visitor']).orderBy('seq').execute()).map((r) => ({ ...r, visitor: JSON.parse(r.visitor) }));

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    const seeded = await seedSite(app.repos);
    siteId = seeded.site.id;
    orgId = seeded.org.id;
    ({ token } = await enrolDevice(app, siteId));
  });
  afterEach(async () => {
    vi.useRealTimers();
    await stopTestApp(app, t);
  });

  it('echoes the id of a refused record, cut to 64 characters, and null when it has no usable id', async () => {
    const long = 'x'.repeat(70);
    const results = await push([{ ...checkIn(), id: long }, { ...checkIn(), id: 42 }, { seq: 1 }, null]);
    expect(results.map(({ id, index, status }) => ({ id, index, status }))).toEqual([
      { id: 'x'.repeat(64), index: 0, status: 'rejected' },
      { id: null, index: 1, status: 'rejected' },
      { id: null, index: 2, status: 'rejected' },
      { id: null, index: 3, status: 'rejected' },
    ]);
  });

  it('refuses NUL in the subject as in the name', async () => {
    const nul = checkIn({ visitor: { kind: 'badge', subject: 'HS\u00001', idNumber: undefined } });
    expect(await push([nul])).toEqual([{ index: 0, status: 'rejected', id: nul.id, reason: 'nul_character' }]);
  });

  it('holds the time bounds to the millisecond', async () => {
    // The server's clock stands still and the kiosk's agrees with it: corrected time = device time, exactly.
    const now = Date.now();
    vi.useFakeTimers({ toFake: ['Date'], now });
    const at = (deviceTime: number, seq: number) => checkIn({ seq, deviceTime });
    const earliest = await push([at(EARLIEST_TIME, 1)], now);
    expect(earliest.map((r) => r.status)).toEqual(['accepted']);
    const before = await push([at(EARLIEST_TIME - 1, 2)], now);
    expect(before.map((r) => [r.status, r.reason])).toEqual([['rejected', 'time_out_of_range']]);

    // A device clock far ahead is corrected by the batch offset: only its device time is past the bound.
    const latest = await push([at(LATEST_DEVICE_TIME, 3)], LATEST_DEVICE_TIME);
    expect(latest.map((r) => r.status)).toEqual(['accepted']);
    const past = await push([at(LATEST_DEVICE_TIME + 1, 4)], LATEST_DEVICE_TIME + 1);
    expect(past.map((r) => [r.status, r.reason])).toEqual([['rejected', 'time_out_of_range']]);

    // A record a day ahead of the batch's own clock is the most a slow server clock explains.
    const slack = await push([checkIn({ seq: 5, deviceTime: now + FUTURE_SLACK_MS - 1 })], now);
    expect(slack.map((r) => r.status)).toEqual(['accepted']);
    const beyond = await push([checkIn({ seq: 6, deviceTime: now + FUTURE_SLACK_MS + 1 })], now);
    expect(beyond.map((r) => [r.status, r.reason])).toEqual([['rejected', 'time_out_of_range']]);
    const edge = await push([checkIn({ seq: 7, deviceTime: now + FUTURE_SLACK_MS })], now);
    expect(edge.map((r) => r.status)).toEqual(['accepted']);
  });

  it('stores a late record of an erased person naming nobody, and a visit after the erasure as sent', async () => {
    const admin = await loginAdmin(app, orgId, 'admin@org.vn');
    const erase = await app.inject({ method: 'POST', url: '/api/v1/subjects/erase', headers: { authorization: admin }, payload: { subject: LAN } });
    expect(erase.statusCode).toBe(200);
    const visitor = { kind: 'manual' as const, subject: LAN, name: 'Trần Thị Lan', phone: LAN, idNumber: undefined };
    const results = await push([
      checkIn({ seq: 1, deviceTime: Date.now() - 3_600_000, visitor }), // logged offline an hour before the erasure
      checkIn({ seq: 2, deviceTime: Date.now() + 1_000, visitor }), // back after it: a new visit
      checkIn({ seq: 3, deviceTime: Date.now() - 3_600_000, visitor: { kind: 'manual', subject: '0987654321', name: 'Lê Văn Tám', phone: '0987654321', idNumber: undefined } }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    expect(await stored()).toEqual([
      { subject: 'purged', name: null, visitor: { kind: 'manual', subject: 'purged' } },
      { subject: LAN, name: 'Trần Thị Lan', visitor: { kind: 'manual', subject: LAN, name: 'Trần Thị Lan', phone: LAN } },
      { subject: '0987654321', name: 'Lê Văn Tám', visitor: { kind: 'manual', subject: '0987654321', name: 'Lê Văn Tám', phone: '0987654321' } },
    ]);
  });
});
