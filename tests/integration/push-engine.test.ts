import 'fake-indexeddb/auto';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import Dexie from 'dexie';
import { GatelogDb } from '../../src/db/gatelog-db';
import { countPending, listRejected, logCheckIn } from '../../src/db/outbox';
import { findReturningVisitors } from '../../src/db/repeat-visitors';
import { getSetting, setSetting } from '../../src/db/settings';
import { pullSiteConfig } from '../../src/sync/site-config-pull';
import { loginAdmin } from '../../server/test-support/admin';
import { MAX_SERVER_ERRORS_IN_A_ROW, pushOutbox } from '../../src/sync/push-engine';
import { buildApp } from '../../server/app';
import { ApiError } from '../../server/lib/api-error';
import { MAX_BATCH_RECORDS, PUSH_PATH } from '../../src/protocol/sync';
import { openTestDatabase, type TestDatabase } from '../../server/test-support/engines';
import { describeEngines } from '../../server/test-support/describe-engines';
import { enrolDevice, seedSite } from '../../server/test-support/fixtures';

/**
 * A fetch to the real app listening on a free port — real HTTP, so the push engine's timeout (its `signal`) is
 * real too — with a hook to inject faults around it.
 */
function appFetch(app: FastifyInstance, fault: { before?: (init: RequestInit) => Response | Error | void; after?: () => Error | void } = {}): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const early = fault.before?.(init);
    if (early instanceof Error) throw early;
    if (early) return early;
    const res = await fetch(new URL(String(input), `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`), init);
    const late = fault.after?.();
    if (late) {
      await res.arrayBuffer();
      throw late; // the server did the work, the answer was lost on the way back
    }
    return res;
  }) as typeof fetch;
}

/**
 * A fault inside the real server (issue #10): a push whose body matches answers 500 through the app's own error
 * handler, as a record that breaks an insert or a bug on one record would. Undefined: no fault.
 */
let serverBreaksOn: ((body: string) => boolean) | undefined;
/** A server that takes the push in but answers only once this settles. Undefined: it answers at once. */
let serverStallsUntil: Promise<void> | undefined;
let answerStalled: (() => void) | undefined;
/** The same, answering a 4xx for the whole batch (as a proxy's body filter or an older server might). */
let serverRefusesOn: ((body: string) => boolean) | undefined;

const card = (i: number) => ({ kind: 'cccd' as const, subject: `0791900${String(i).padStart(5, '0')}`, name: `Khách ${i} Nguyễn` });

describeEngines('kiosk push engine against the real server (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let kiosk: GatelogDb;
  let siteId: string;
  let deviceId: string;
  const serverCount = async () => (await t.db.selectFrom('checkin').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  beforeEach(async () => {
    t = await openTestDatabase(engine);
    app = await buildApp(t.config, { db: t.db, logger: false });
    serverBreaksOn = undefined;
    serverStallsUntil = undefined;
    serverRefusesOn = undefined;
    app.addHook('preHandler', async (request) => {
      if (request.url !== PUSH_PATH) return;
      if (serverBreaksOn?.(JSON.stringify(request.body))) throw new Error('simulated server fault');
      if (serverRefusesOn?.(JSON.stringify(request.body))) throw new ApiError(400, 'bad_batch', 'simulated refusal of this batch');
      await serverStallsUntil;
    });
    await app.listen({ host: '127.0.0.1', port: 0 });
    const { site } = await seedSite(app.repos, { siteName: 'Cảng Cát Bà' });
    siteId = site.id;
    const enrolled = await enrolDevice(app, siteId);
    deviceId = enrolled.deviceId;
    kiosk = new GatelogDb(`kiosk-${Math.random()}`);
    await setSetting(kiosk, 'deviceToken', enrolled.token);
  });
  afterEach(async () => {
    answerStalled?.(); // a stalled request would hold app.close() open
    kiosk.close();
    await Dexie.delete(kiosk.name);
    await app.close();
    await t.cleanup();
  });

  it('drains more than two batches of records, each exactly once; a second run sends nothing', async () => {
    const n = 2 * MAX_BATCH_RECORDS + 100;
    for (let i = 0; i < n; i++) await logCheckIn(kiosk, card(i), i % 2 ? 'out' : 'in');
    let posts = 0;
    const progress: number[] = [];
    const out = await pushOutbox(kiosk, { fetch: appFetch(app, { before: (init) => void (init.method === 'POST' && posts++) }), onProgress: (p) => progress.push(p.done) });
    expect(out).toEqual({ kind: 'done', accepted: n, duplicates: 0, rejected: 0 });
    expect(posts).toBe(3);
    expect(progress).toEqual([0, MAX_BATCH_RECORDS, 2 * MAX_BATCH_RECORDS, n]);
    expect(await countPending(kiosk)).toBe(0);
    expect(Number(await serverCount())).toBe(n);
    expect(await getSetting(kiosk, 'lastSyncAt')).toBeGreaterThan(0);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app, { before: (init) => void (init.method === 'POST' && posts++) }) })).toEqual({ kind: 'done', accepted: 0, duplicates: 0, rejected: 0 });
    expect(posts).toBe(3);
  }, 60_000); // 2,100 records through fake IndexedDB and three pushes: slow on a busy 2-core machine

  it('keeps everything pending on a 500 or a network error, then delivers it', async () => {
    for (let i = 0; i < 5; i++) await logCheckIn(kiosk, card(i), 'in');
    const r500 = await pushOutbox(kiosk, { fetch: appFetch(app, { before: () => new Response('{}', { status: 500 }) }) });
    expect(r500).toMatchObject({ kind: 'retry', error: 'HTTP 500' });
    const rNet = await pushOutbox(kiosk, { fetch: appFetch(app, { before: () => new TypeError('Failed to fetch') }) });
    expect(rNet).toMatchObject({ kind: 'retry', error: 'network: TypeError' });
    expect(await countPending(kiosk)).toBe(5);
    expect(Number(await serverCount())).toBe(0);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'done', accepted: 5 });
  });

  it('gives up on a server that does not answer in time, keeps the records, and resends them (#13)', async () => {
    for (let i = 0; i < 3; i++) await logCheckIn(kiosk, card(i), 'in');
    serverStallsUntil = new Promise((resolve) => (answerStalled = resolve));
    const started = Date.now();
    expect(await pushOutbox(kiosk, { fetch: appFetch(app), timeoutMs: 500 })).toMatchObject({ kind: 'retry', error: 'network: TimeoutError' });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await countPending(kiosk)).toBe(3);
    // The server finishes the batch it was given after the kiosk stopped waiting: the kiosk's resend is a duplicate.
    serverStallsUntil = undefined;
    answerStalled!();
    await vi.waitFor(async () => expect(Number(await serverCount())).toBe(3));
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toEqual({ kind: 'done', accepted: 0, duplicates: 3, rejected: 0 });
    expect(await countPending(kiosk)).toBe(0);
  });

  it('resends a batch whose answer was lost; the server acknowledges duplicates and stores each once', async () => {
    for (let i = 0; i < 7; i++) await logCheckIn(kiosk, card(i), 'in');
    const lost = await pushOutbox(kiosk, { fetch: appFetch(app, { after: () => new TypeError('connection reset') }) });
    expect(lost.kind).toBe('retry');
    expect(await countPending(kiosk)).toBe(7);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toEqual({ kind: 'done', accepted: 0, duplicates: 7, rejected: 0 });
    expect(Number(await serverCount())).toBe(7);
  });

  it('sets one invalid record aside with its reason; the others go in', async () => {
    const rows = [];
    for (let i = 0; i < 4; i++) rows.push(await logCheckIn(kiosk, card(i), 'in'));
    await kiosk.outbox.update(rows[1]!.id, { 'visitor.name': 'x'.repeat(500) } as never); // corrupted on disk
    const out = await pushOutbox(kiosk, { fetch: appFetch(app) });
    expect(out).toEqual({ kind: 'done', accepted: 3, duplicates: 0, rejected: 1 });
    const rejected = await listRejected(kiosk);
    expect(rejected.map((r) => r.id)).toEqual([rows[1]!.id]);
    expect(rejected[0]!.rejectReason).toMatch(/name/);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toEqual({ kind: 'done', accepted: 0, duplicates: 0, rejected: 0 });
  });

  it('stops on a revoked token and keeps the unsynced records', async () => {
    await logCheckIn(kiosk, card(1), 'in');
    await app.repos.devices.revoke(deviceId);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toEqual({ kind: 'revoked' });
    expect(await getSetting(kiosk, 'revoked')).toBe(true);
    expect(await countPending(kiosk)).toBe(1);
  });

  it('a batch refused with a 4xx is split until the refused record stands alone: only it is set aside (#13)', async () => {
    const rows = [];
    for (let i = 0; i < 10; i++) rows.push(await logCheckIn(kiosk, card(i), 'in'));
    serverRefusesOn = (body) => body.includes(card(3).subject);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toEqual({ kind: 'done', accepted: 9, duplicates: 0, rejected: 1 });
    const rejected = await listRejected(kiosk);
    expect(rejected.map((r) => [r.id, r.rejectReason])).toEqual([[rows[3]!.id, 'simulated refusal of this batch']]);
    expect(Number(await serverCount())).toBe(9);
  });

  it('a 401 that is not the revocation answer never marks the kiosk revoked (#13)', async () => {
    await logCheckIn(kiosk, card(1), 'in');
    // A token the server does not know (restored from an older backup): asked to enrol again, not revoked.
    const token = await getSetting(kiosk, 'deviceToken');
    await setSetting(kiosk, 'deviceToken', `${token}x`);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toEqual({ kind: 'deviceUnknown' });
    expect(await getSetting(kiosk, 'revoked')).toBeUndefined();
    await setSetting(kiosk, 'deviceUnknown', false);
    await setSetting(kiosk, 'deviceToken', token!);
    // A 401 from something in between (a proxy's login wall, the generic `unauthorized`): kept, retried later.
    const wall = () => new Response(JSON.stringify({ code: 'unauthorized', message: 'log in' }), { status: 401, headers: { 'content-type': 'application/json' } });
    expect(await pushOutbox(kiosk, { fetch: appFetch(app, { before: (init) => (init.method === 'POST' ? wall() : undefined) }) })).toMatchObject({ kind: 'retry', error: 'HTTP 401' });
    expect(await getSetting(kiosk, 'revoked')).toBeUndefined();
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'done', accepted: 1 });
    // Only the server's revocation answer revokes.
    await app.repos.devices.revoke(deviceId);
    await logCheckIn(kiosk, card(2), 'in');
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toEqual({ kind: 'revoked' });
  });

  it("an answer whose rejection names another record's id changes nothing: the record stays pending and is delivered (#13)", async () => {
    const bad = await logCheckIn(kiosk, card(0), 'in');
    await kiosk.outbox.update(bad.id, { 'visitor.name': 'x'.repeat(500) } as never); // corrupted on disk: the server rejects it
    const real = appFetch(app);
    let staleAnswer: Response | undefined;
    const capture: typeof fetch = async (input, init) => {
      const res = await real(input, init);
      if (init?.method === 'POST') staleAnswer = res.clone();
      return res;
    };
    expect(await pushOutbox(kiosk, { fetch: capture })).toMatchObject({ kind: 'done', rejected: 1 });
    // The next batch gets that stale answer once (a cache replaying it): index 0 rejected, with the other record's id.
    const next = await logCheckIn(kiosk, card(1), 'in');
    let replays = 0;
    const replaying = appFetch(app, { before: (init) => (init.method === 'POST' && replays++ === 0 ? staleAnswer! : undefined) });
    expect(await pushOutbox(kiosk, { fetch: replaying })).toEqual({ kind: 'done', accepted: 1, duplicates: 0, rejected: 0 });
    expect((await kiosk.outbox.get(next.id))!.syncState).toBe('synced');
    expect(replays).toBe(2);
  });

  it('an answer that names none of the records sent (a replaying proxy) ends the run with a retry instead of resending forever (#13)', async () => {
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await logCheckIn(kiosk, card(i), 'in')).id);
    let posts = 0;
    const emptyAnswers = appFetch(app, {
      before: (init) => (init.method === 'POST' && ++posts ? new Response(JSON.stringify({ serverTime: Date.now(), results: [] }), { status: 200, headers: { 'content-type': 'application/json' } }) : undefined),
    });
    expect(await pushOutbox(kiosk, { fetch: emptyAnswers })).toMatchObject({ kind: 'retry', error: 'the answer named none of the records sent' });
    expect(posts).toBe(MAX_SERVER_ERRORS_IN_A_ROW);
    for (const id of ids) expect((await kiosk.outbox.get(id))!.syncState).toBe('pending');
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'done', accepted: 3 });
  });

  it('runs one sync at a time', async () => {
    for (let i = 0; i < 3; i++) await logCheckIn(kiosk, card(i), 'in');
    const [a, b] = await Promise.all([pushOutbox(kiosk, { fetch: appFetch(app) }), pushOutbox(kiosk, { fetch: appFetch(app) })]);
    expect([a.kind, b.kind].sort()).toEqual(['busy', 'done']);
    expect(Number(await serverCount())).toBe(3);
  });

  it('sets aside a record that keeps failing with 5xx alone, so newer records are not stopped forever (issue #10)', async () => {
    const rows = [];
    for (let i = 0; i < 40; i++) rows.push(await logCheckIn(kiosk, card(i), 'in'));
    const bad = rows[0]!.visitor.subject; // the oldest record: first in every batch
    serverBreaksOn = (body) => body.includes(bad);
    let posts = 0;
    const out = await pushOutbox(kiosk, { fetch: appFetch(app, { before: (init) => void (init.method === 'POST' && posts++) }) });
    expect(out).toEqual({ kind: 'done', accepted: 39, duplicates: 0, rejected: 1 });
    expect(Number(await serverCount())).toBe(39);
    const rejected = await listRejected(kiosk);
    expect(rejected.map((r) => r.id)).toEqual([rows[0]!.id]); // kept on the tablet, shown, never deleted
    expect(rejected[0]!.rejectReason).toMatch(/server error \(HTTP 500\)/);
    expect(posts).toBeLessThan(20); // bisected: log2(40) steps, not one request per record
    // Newer records keep flowing past it.
    await logCheckIn(kiosk, card(99), 'out');
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toEqual({ kind: 'done', accepted: 1, duplicates: 0, rejected: 0 });
  });

  it('sets nothing aside when every record fails (an outage), and stops after a bounded number of requests', async () => {
    const n = MAX_BATCH_RECORDS + 10;
    for (let i = 0; i < n; i++) await logCheckIn(kiosk, card(i), 'in');
    serverBreaksOn = () => true;
    let posts = 0;
    const counting = appFetch(app, { before: (init) => void (init.method === 'POST' && posts++) });
    expect(await pushOutbox(kiosk, { fetch: counting })).toMatchObject({ kind: 'retry', error: 'HTTP 500', rejected: 0 });
    expect(posts).toBe(MAX_SERVER_ERRORS_IN_A_ROW);
    // The server stores the first batch, then goes down: the second batch's records stay pending too.
    serverBreaksOn = (body) => !body.includes(card(0).subject);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'retry', accepted: MAX_BATCH_RECORDS, rejected: 0 });
    expect(await countPending(kiosk)).toBe(10);
    expect(await listRejected(kiosk)).toEqual([]);
    serverBreaksOn = undefined;
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'done', accepted: 10, rejected: 0 });
    expect(Number(await serverCount())).toBe(n);
  });

  it('forgets an erased person at the next sync: synced records deleted, queued ones stripped, no suggestion (issue #10)', async () => {
    const person = { kind: 'manual' as const, subject: '0912345678', phone: '0912345678', name: 'Trần Thị Bích' };
    const synced = await logCheckIn(kiosk, person, 'in', Date.now() - 60_000);
    const other = await logCheckIn(kiosk, card(1), 'in', Date.now() - 60_000);
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'done', accepted: 2 });
    const queued = await logCheckIn(kiosk, person, 'out', Date.now() - 30_000); // not pushed before the erasure
    expect((await findReturningVisitors(kiosk, 'Bích')).map((v) => v.phone)).toEqual([person.phone]);

    const auth = await loginAdmin(app, (await app.repos.sites.get(siteId))!.orgId, 'dpo@example.vn');
    const erase = await app.inject({ method: 'POST', url: '/api/v1/subjects/erase', headers: { authorization: auth }, payload: { subject: person.phone } });
    expect(erase.json()).toEqual({ erased: 1 });
    const page = await app.inject({ method: 'GET', url: '/api/v1/sync/config', headers: { authorization: `Bearer ${await getSetting(kiosk, 'deviceToken')}` } });
    expect(page.body).not.toContain(person.phone); // the list carries keyed hashes only
    const later = await logCheckIn(kiosk, person, 'in', Date.now() + 1000); // back after the erasure: a new visit

    expect(await pullSiteConfig(kiosk, (await getSetting(kiosk, 'deviceToken'))!, { fetch: appFetch(app) })).not.toBeNull();
    expect(await getSetting(kiosk, 'erasuresSince')).toBe(1);
    expect(await kiosk.outbox.get(synced.id)).toBeUndefined();
    expect((await kiosk.outbox.get(queued.id))!.visitor).toEqual({ kind: 'manual', subject: 'purged' });
    expect((await kiosk.outbox.get(other.id))!.visitor).toEqual(card(1));
    expect((await kiosk.outbox.get(later.id))!.visitor).toEqual(person);
    await kiosk.outbox.delete(later.id);
    expect(await findReturningVisitors(kiosk, 'Bích')).toEqual([]);
    expect(await findReturningVisitors(kiosk, '0912')).toEqual([]);
    // The stripped record still counts as a scan on the server; the person comes back later as a new visit.
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'done', accepted: 1 });
    const back = await logCheckIn(kiosk, person, 'in');
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'done', accepted: 1 });
    expect((await kiosk.outbox.get(back.id))!.visitor).toEqual(person);
    const stored = await t.db.selectFrom('checkin').select(['subject', 'visitor']).execute();
    expect(stored.filter((r) => r.visitor.includes(person.phone))).toHaveLength(1); // only the visit after the erasure
  });

  it('applies an erasure made while the kiosk was offline before pushing its queue (issue #10)', async () => {
    const person = { kind: 'cccd' as const, subject: '001099012345', idNumber: '001099012345', name: 'Nguyễn Văn Lộc' };
    await setSetting(kiosk, 'lastSyncAt', Date.now() - 3_600_000); // offline for an hour
    const queued = await logCheckIn(kiosk, person, 'in', Date.now() - 1_800_000);
    const auth = await loginAdmin(app, (await app.repos.sites.get(siteId))!.orgId, 'dpo@example.vn');
    await app.inject({ method: 'POST', url: '/api/v1/subjects/erase', headers: { authorization: auth }, payload: { subject: person.idNumber } });
    expect(await pushOutbox(kiosk, { fetch: appFetch(app) })).toMatchObject({ kind: 'done', accepted: 1 });
    expect((await kiosk.outbox.get(queued.id))!.visitor).toEqual({ kind: 'cccd', subject: 'purged' });
    const stored = await t.db.selectFrom('checkin').select(['subject', 'name', 'visitor']).execute();
    expect(stored).toEqual([{ subject: 'purged', name: null, visitor: JSON.stringify({ kind: 'cccd', subject: 'purged' }) }]);
  });
});
