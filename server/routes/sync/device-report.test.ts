import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PushResponse } from '../../../src/protocol';
import { type TestDatabase } from '../../test-support/engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import { startTestApp, stopTestApp } from '../../test-support/test-app';
import { describeEngines } from '../../test-support/describe-engines';

const T0 = Date.parse('2025-06-20T09:00:00+07:00');

/**
 * What the console shows of a kiosk (last sync, records waiting, app version) comes from the report each push
 * carries. Within 10 s of the last one written, a report is written only when it changes what an admin must see
 * at once: a drained queue, a first count, a new app version.
 */
describeEngines('the kiosk report a push carries (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let token: string;
  let deviceId: string;
  let seq = 0;

  const push = async (at: number, report: { pending?: number; appVersion?: string }, records = 1): Promise<PushResponse> => {
    vi.setSystemTime(at);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}` },
      payload: { sentAt: at, ...report, records: Array.from({ length: records }, () => checkIn({ seq: ++seq, deviceTime: at })) },
    });
    expect(res.statusCode).toBe(200);
    return res.json() as PushResponse;
  };
  const shown = async () => {
    const d = (await app.repos.devices.get(deviceId))!;
    return { lastSyncAt: d.lastSyncAt, pending: d.pendingReported, appVersion: d.appVersion };
  };

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    const { site } = await seedSite(app.repos);
    ({ token, deviceId } = await enrolDevice(app, site.id));
    // Only Date is faked: the route reads the clock, the database and Fastify keep their real timers.
    vi.useFakeTimers({ toFake: ['Date'] });
  });
  afterEach(async () => {
    vi.useRealTimers();
    await stopTestApp(app, t);
  });

  it('writes a changed count only every 10 s, but a drained queue at once', async () => {
    await push(T0, { pending: 20, appVersion: '1.0.0' });
    expect(await shown()).toEqual({ lastSyncAt: T0, pending: 19, appVersion: '1.0.0' });

    await push(T0 + 9_999, { pending: 19, appVersion: '1.0.0' });
    expect(await shown()).toEqual({ lastSyncAt: T0, pending: 19, appVersion: '1.0.0' }); // 18 waits: shown at most 10 s late

    await push(T0 + 10_000, { pending: 18, appVersion: '1.0.0' });
    expect(await shown()).toEqual({ lastSyncAt: T0 + 10_000, pending: 17, appVersion: '1.0.0' });

    await push(T0 + 11_000, { pending: 1, appVersion: '1.0.0' });
    expect(await shown()).toEqual({ lastSyncAt: T0 + 11_000, pending: 0, appVersion: '1.0.0' }); // drained: at once
  });

  it('never shows a negative count when the kiosk reports fewer waiting than the batch stored', async () => {
    await push(T0, { pending: 1 }, 3);
    expect((await shown()).pending).toBe(0);
  });

  it('shows a new app version at once, and a first count after reports without one', async () => {
    await push(T0, { appVersion: '1.0.0' });
    expect(await shown()).toEqual({ lastSyncAt: T0, pending: null, appVersion: '1.0.0' });

    await push(T0 + 1_000, { appVersion: '1.0.0' });
    expect((await shown()).lastSyncAt).toBe(T0); // nothing new to show

    await push(T0 + 2_000, { pending: 5, appVersion: '1.0.0' });
    expect(await shown()).toEqual({ lastSyncAt: T0 + 2_000, pending: 4, appVersion: '1.0.0' });

    await push(T0 + 3_000, { pending: 4, appVersion: '1.1.0' });
    expect(await shown()).toEqual({ lastSyncAt: T0 + 3_000, pending: 3, appVersion: '1.1.0' });

    await push(T0 + 4_000, { pending: 3 }); // an old kiosk that sends no version: the known one stays
    expect(await shown()).toEqual({ lastSyncAt: T0 + 3_000, pending: 3, appVersion: '1.1.0' });
  });
});
