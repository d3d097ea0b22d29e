import 'fake-indexeddb/auto';
import { gunzipSync } from 'node:zlib';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatelogDb } from '../db/gatelog-db';
import { countPending, logCheckIn } from '../db/outbox';
import { getSetting, setSetting } from '../db/settings';
import { DEVICE_ERROR, PUSH_PATH } from '../protocol/sync';
import { SITE_CONFIG_PATH } from '../protocol/site-config';
import { pushOutbox, PULL_BEFORE_PUSH_AFTER_MS, SYNC_CHANNEL, type SyncProgress } from './push-engine';

// How the kiosk's push engine reads each kind of server answer: what it keeps, what it tells the page, and when it
// stops. The server is scripted in the wire format (tests/integration/ runs the engine against the real one).
let db: GatelogDb;
let n = 0;
let pushes: { headers: Headers; body: { sentAt: number; pending: number; appVersion?: string; records: { id: string; seq: number }[] } }[];
let configReads: number;
beforeEach(async () => {
  db = new GatelogDb(`answers-${++n}`);
  await db.open();
  await setSetting(db, 'deviceToken', 'tok');
  await setSetting(db, 'lastSyncAt', Date.now()); // recently synced: no pull before the push
  pushes = [];
  configReads = 0;
});
afterEach(async () => {
  db.close();
  await Dexie.delete(db.name);
});

const guest = (i: number) => ({ kind: 'manual' as const, subject: `09120000${i}`, name: `Khách ${i}`, phone: `09120000${i}` });
const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const acceptAll = (records: { id: string }[]) => json(200, { serverTime: Date.now(), results: records.map((_, index) => ({ index, status: 'accepted' })) });

/** A server whose push answers come from `answer` (by push number); the site config always fails to load. */
function server(answer: (push: number, records: { id: string }[]) => Response | Error): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = String(input);
    if (url.includes(SITE_CONFIG_PATH)) {
      configReads++;
      return json(503, { code: 'unavailable', message: 'no config here' });
    }
    expect(url).toBe(PUSH_PATH);
    const headers = new Headers(init.headers);
    const raw = Buffer.from(init.body as Uint8Array);
    const body = JSON.parse((headers.get('content-encoding') === 'gzip' ? gunzipSync(raw) : raw).toString('utf8'));
    pushes.push({ headers, body });
    const a = answer(pushes.length, body.records);
    if (a instanceof Error) throw a;
    return a;
  }) as typeof fetch;
}

describe('push engine answers', () => {
  it('sends the token, gzip, the count waiting and the app version, and reports progress to the page', async () => {
    for (let i = 0; i < 3; i++) await logCheckIn(db, guest(i), 'in');
    const progress: SyncProgress[] = [];
    const outcome = await pushOutbox(db, { fetch: server((_, r) => acceptAll(r)), appVersion: '2.1.0', onProgress: (p) => progress.push(p) });
    expect(outcome).toEqual({ kind: 'done', accepted: 3, duplicates: 0, rejected: 0 });
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.headers.get('authorization')).toBe('Bearer tok');
    expect(pushes[0]!.headers.get('content-encoding')).toBe('gzip');
    expect(pushes[0]!.body).toMatchObject({ pending: 3, appVersion: '2.1.0' });
    expect(pushes[0]!.body.records.map((r) => r.seq)).toEqual([0, 1, 2]);
    expect(progress).toEqual([{ done: 0, total: 3 }, { done: 3, total: 3 }]);
    expect(await countPending(db)).toBe(0);
    expect(await getSetting(db, 'lastSyncAt')).toBeGreaterThan(Date.now() - 5_000);
  });

  it('counts duplicates apart from accepted ones and marks both synced with the server time', async () => {
    for (let i = 0; i < 2; i++) await logCheckIn(db, guest(i), 'in');
    const fetch = server(() => json(200, { serverTime: 1_800_000_000_000, results: [{ index: 0, status: 'accepted' }, { index: 1, status: 'duplicate' }] }));
    expect(await pushOutbox(db, { fetch })).toEqual({ kind: 'done', accepted: 1, duplicates: 1, rejected: 0 });
    expect((await db.outbox.toArray()).map((r) => [r.syncState, r.syncedAt])).toEqual([
      ['synced', 1_800_000_000_000],
      ['synced', 1_800_000_000_000],
    ]);
    expect(await getSetting(db, 'clockOffsetMs')).toBeGreaterThan(1_800_000_000_000 - Date.now() - 5_000);
  });

  it('keeps everything on a timeout answer (408), a rate limit (429) and a malformed answer, and says why', async () => {
    await logCheckIn(db, guest(1), 'in');
    for (const [answer, error] of [
      [json(408, { code: 'timeout', message: 't' }), 'HTTP 408'],
      [json(429, { code: 'rate_limited', message: 'r' }), 'HTTP 429'],
      [json(200, { results: 'no' }), 'malformed server answer'],
      [new Response('<html>proxy error</html>', { status: 200 }), 'malformed server answer'],
    ] as const) {
      expect(await pushOutbox(db, { fetch: server(() => answer.clone()) })).toEqual({ kind: 'retry', error, accepted: 0, duplicates: 0, rejected: 0 });
    }
    expect((await db.outbox.toArray()).map((r) => r.syncState)).toEqual(['pending']);
  });

  it('names a network failure by its kind, never losing a record', async () => {
    await logCheckIn(db, guest(1), 'in');
    const outcome = await pushOutbox(db, { fetch: server(() => new TypeError('Failed to fetch')) });
    expect(outcome).toEqual({ kind: 'retry', error: 'network: TypeError', accepted: 0, duplicates: 0, rejected: 0 });
    expect(await countPending(db)).toBe(1);
  });

  it('asks to be enrolled again when the server does not know the token, and keeps every record', async () => {
    await logCheckIn(db, guest(1), 'in');
    const fetch = server(() => json(401, { code: DEVICE_ERROR.unknown, message: 'unknown device' }));
    expect(await pushOutbox(db, { fetch })).toEqual({ kind: 'deviceUnknown' });
    expect(await getSetting(db, 'deviceUnknown')).toBe(true);
    expect(await getSetting(db, 'revoked')).toBeUndefined();
    expect(await countPending(db)).toBe(1);
    // Until enrolled again, later runs send nothing.
    expect(await pushOutbox(db, { fetch })).toEqual({ kind: 'deviceUnknown' });
    expect(pushes).toHaveLength(1);
  });

  it('treats a 403 without a device code as a token problem to retry, not as revoked', async () => {
    await logCheckIn(db, guest(1), 'in');
    const fetch = server(() => json(403, { code: 'forbidden', message: 'proxy says no' }));
    expect(await pushOutbox(db, { fetch })).toEqual({ kind: 'retry', error: 'HTTP 403', accepted: 0, duplicates: 0, rejected: 0 });
    expect(await getSetting(db, 'revoked')).toBeUndefined();
  });

  it('does not mark a new enrolment revoked because of the answer to the old token', async () => {
    await logCheckIn(db, guest(1), 'in');
    const fetch = server(() => {
      void setSetting(db, 'deviceToken', 'new-token'); // enrolled again while the push was in flight
      return json(401, { code: DEVICE_ERROR.revoked, message: 'revoked' });
    });
    expect(await pushOutbox(db, { fetch })).toEqual({ kind: 'revoked' });
    expect(await getSetting(db, 'revoked')).toBeUndefined();
  });

  it('does nothing before enrolment, and nothing once revoked', async () => {
    await logCheckIn(db, guest(1), 'in');
    const fetch = server((_, r) => acceptAll(r));
    await db.settings.delete('deviceToken');
    expect(await pushOutbox(db, { fetch })).toEqual({ kind: 'notEnrolled' });
    await setSetting(db, 'deviceToken', 'tok');
    await setSetting(db, 'revoked', true);
    expect(await pushOutbox(db, { fetch })).toEqual({ kind: 'revoked' });
    expect(pushes).toHaveLength(0);
  });

  it('stops starting batches at the deadline a Background Sync event gives it', async () => {
    await logCheckIn(db, guest(1), 'in');
    const outcome = await pushOutbox(db, { fetch: server((_, r) => acceptAll(r)), deadline: Date.now() - 1 });
    expect(outcome).toEqual({ kind: 'retry', error: 'deadline', accepted: 0, duplicates: 0, rejected: 0 });
    expect(pushes).toHaveLength(0);
  });

  it('holds records of another site instead of sending them under this one', async () => {
    await setSetting(db, 'siteId', 'B');
    const other = await logCheckIn(db, guest(1), 'in');
    await db.outbox.update(other.id, { siteId: 'A' });
    const mine = await logCheckIn(db, guest(2), 'in');
    expect(await pushOutbox(db, { fetch: server((_, r) => acceptAll(r)) })).toEqual({ kind: 'done', accepted: 1, duplicates: 0, rejected: 0 });
    expect(pushes.flatMap((p) => p.body.records.map((r) => r.id))).toEqual([mine.id]);
    expect((await db.outbox.get(other.id))!.syncState).toBe('held');
  });

  it('reads the site config before pushing only when it has not synced for five minutes', async () => {
    await logCheckIn(db, guest(1), 'in');
    const fetch = server((_, r) => acceptAll(r));
    await pushOutbox(db, { fetch });
    expect(configReads).toBe(1); // after the push only
    await setSetting(db, 'lastSyncAt', Date.now() - PULL_BEFORE_PUSH_AFTER_MS + 10_000);
    await pushOutbox(db, { fetch });
    expect(configReads).toBe(2);
    await setSetting(db, 'lastSyncAt', Date.now() - PULL_BEFORE_PUSH_AFTER_MS - 1_000);
    await pushOutbox(db, { fetch });
    expect(configReads).toBe(4); // before and after
    await db.settings.delete('lastSyncAt');
    await pushOutbox(db, { fetch });
    expect(configReads).toBe(6);
  });

  it('tells every open page how the run goes, and that it ended, whatever the outcome', async () => {
    const heard: unknown[] = [];
    const page = new BroadcastChannel(SYNC_CHANNEL);
    page.onmessage = (e) => heard.push((e as MessageEvent).data);
    try {
      await logCheckIn(db, guest(1), 'in');
      await pushOutbox(db, { fetch: server((_, r) => acceptAll(r)) });
      await logCheckIn(db, guest(2), 'in');
      await pushOutbox(db, { fetch: server(() => json(401, { code: DEVICE_ERROR.revoked, message: 'revoked' })) });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(heard.map((m) => (m as { type: string }).type)).toEqual(['progress', 'progress', 'synced', 'ended', 'progress', 'revoked', 'ended']);
      expect(heard[1]).toEqual({ type: 'progress', done: 1, total: 1 });
    } finally {
      page.close();
    }
  });
});
