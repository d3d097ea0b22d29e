import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TIME_FLAGS, type CheckIn, type CheckinList, type PushResponse } from '../../../src/protocol';
import { loginAdmin } from '../../test-support/admin';
import { type TestDatabase } from '../../test-support/engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import { startTestApp, stopTestApp } from '../../test-support/test-app';
import { batchClock, CLOCK_TOLERANCE_MS, placeInTime } from './to-row';
import { describeEngines } from '../../test-support/describe-engines';

// The one-minute tolerance of clock placement (issue #12), to the millisecond on each side
// (to-row.test.ts holds the main cases).
const NOW = Date.UTC(2026, 10, 27, 3);
const HOUR = 3_600_000;
const TOL = CLOCK_TOLERANCE_MS;
const record = (deviceTime: number, clock?: CheckIn['clock'], seq = 1): CheckIn => ({ ...checkIn({ seq, deviceTime }), ...(clock ? { clock } : {}) });

describe('placeInTime tolerance', () => {
  const scan = NOW - HOUR;

  it('flags a stored offset as unverified only past one minute of disagreement, either way', () => {
    const stored = (offsetMs: number) => record(scan - offsetMs, { basis: 'stored', offsetMs, measuredAt: scan - HOUR });
    expect(placeInTime(stored(TOL), batchClock(NOW, NOW)).flag).toBeNull();
    expect(placeInTime(stored(TOL + 1), batchClock(NOW, NOW)).flag).toBe(TIME_FLAGS.unverified);
    expect(placeInTime(stored(-TOL), batchClock(NOW, NOW)).flag).toBeNull();
    expect(placeInTime(stored(-TOL - 1), batchClock(NOW, NOW)).flag).toBe(TIME_FLAGS.unverified);
    expect(placeInTime(stored(TOL + 1), batchClock(NOW, NOW))).toEqual({ time: scan, flag: TIME_FLAGS.unverified });
  });

  it('compares the stored offset with the batch offset, not their sum', () => {
    // The tablet's clock is 5 minutes slow, and was when the offset was stored: they agree.
    const slow = 5 * 60_000;
    const placed = placeInTime(record(scan - slow, { basis: 'stored', offsetMs: slow, measuredAt: scan - HOUR }), batchClock(NOW, NOW - slow));
    expect(placed).toEqual({ time: scan, flag: null });
  });

  it('never doubts a monotonic placement because the batch disagrees', () => {
    expect(placeInTime(record(scan + HOUR, { basis: 'monotonic', offsetMs: -HOUR }), batchClock(NOW, NOW))).toEqual({ time: scan, flag: null });
  });

  it('calls a time impossible only past one minute after the server received it', () => {
    expect(placeInTime(record(NOW + TOL), batchClock(NOW, NOW)).flag).toBeNull();
    expect(placeInTime(record(NOW + TOL + 1), batchClock(NOW, NOW)).flag).toBe(TIME_FLAGS.impossible);
    expect(placeInTime(record(NOW + TOL + 1, { basis: 'monotonic', offsetMs: 0 }), batchClock(NOW, NOW)).flag).toBe(TIME_FLAGS.impossible);
  });

  it('calls a stored placement impossible only past one minute before its own measurement', () => {
    const measuredAt = NOW - HOUR;
    const stored = (deviceTime: number) => record(deviceTime, { basis: 'stored', offsetMs: 0, measuredAt });
    expect(placeInTime(stored(measuredAt - TOL), batchClock(NOW, NOW)).flag).toBeNull();
    expect(placeInTime(stored(measuredAt - TOL - 1), batchClock(NOW, NOW)).flag).toBe(TIME_FLAGS.impossible);
  });
});

describeEngines('flagged times through the sync route (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
  });
  afterEach(() => stopTestApp(app, t));

  it('stores each record with its flag, and the console shows it', async () => {
    const { org, site } = await seedSite(app.repos);
    const { token } = await enrolDevice(app, site.id);
    const now = Date.now();
    const records = [
      record(now - HOUR, undefined, 1),
      record(now - 3 * HOUR, { basis: 'stored', offsetMs: 2 * HOUR, measuredAt: now - 4 * HOUR }, 2),
      record(now + 2 * HOUR, undefined, 3),
    ];
    const res = await app.inject({ method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` }, payload: { sentAt: now, records } });
    expect((res.json() as PushResponse).results.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted']);
    const rows = await t.db.selectFrom('checkin').select(['seq', 'time_flag', 'device_time', 'corrected_time']).orderBy('seq').execute();
    expect(rows.map((r) => [r.seq, r.time_flag])).toEqual([
      [1, null],
      [2, TIME_FLAGS.unverified],
      [3, TIME_FLAGS.impossible],
    ]);
    expect(rows[1]!.corrected_time).toBe(now - HOUR); // placed with its own stored offset, flagged, not shifted

    const admin = await loginAdmin(app, org.id, 'a@org.vn');
    const log = (await app.inject({ method: 'GET', url: `/api/v1/sites/${site.id}/log`, headers: { authorization: admin } })).json() as CheckinList;
    expect(log.checkins.map((c) => c.timeFlag ?? null).sort()).toEqual([TIME_FLAGS.impossible, TIME_FLAGS.unverified, null].sort());
  });
});
