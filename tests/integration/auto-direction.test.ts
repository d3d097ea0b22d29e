import 'fake-indexeddb/auto';
import type { FastifyInstance } from 'fastify';
import Dexie from 'dexie';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatelogDb } from '../../src/db/gatelog-db';
import { correctDirection } from '../../src/db/direction-correction';
import { getAllSettings, setSetting, type Settings } from '../../src/db/settings';
import { CheckInDesk } from '../../src/kiosk/check-in-desk';
import { pushOutbox } from '../../src/sync/push-engine';
import { PUSH_PATH } from '../../src/protocol/sync';
import { buildApp } from '../../server/app';
import { openTestDatabase, type TestDatabase } from '../../server/test-support/engines';
import { enrolDevice, seedSite } from '../../server/test-support/fixtures';
import { describeEngines } from '../../server/test-support/describe-engines';

/** A fetch into the real app in-process; `beforePost` runs while a push is on its way. */
function appFetch(app: FastifyInstance, beforePost?: () => Promise<void>): typeof fetch {
  return (async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const url = new URL(String(input), 'http://kiosk.test');
    if (url.pathname === PUSH_PATH) await beforePost?.();
    const body = init.body as Uint8Array | string | undefined;
    const res = await app.inject({
      method: (init.method ?? 'GET') as 'POST',
      url: url.pathname + url.search,
      headers: init.headers as Record<string, string>,
      ...(body === undefined ? {} : { payload: typeof body === 'string' ? body : Buffer.from(body) }),
    });
    return new Response(new Uint8Array(res.rawPayload), { status: res.statusCode, headers: res.headers as Record<string, string> });
  }) as typeof fetch;
}

const CARD = '079190012345|025123456|Nguyễn Thị Ánh Tuyết|15031990|Nữ|Số 12, Quận 1, TP. Hồ Chí Minh|10082021';

/** A kiosk: its own IndexedDB and a check-in desk reading its settings as the app does. */
async function kiosk(app: FastifyInstance, siteId: string) {
  const db = new GatelogDb(`kiosk-${Math.random()}`);
  const enrolled = await enrolDevice(app, siteId);
  await setSetting(db, 'deviceToken', enrolled.token);
  await setSetting(db, 'siteId', siteId);
  let settings: Partial<Settings> = {};
  const desk = new CheckInDesk(db, () => ({ direction: settings.direction ?? 'in', ...settings }));
  return {
    db,
    /** Scans the card (a new sighting each time) and returns the direction logged. */
    async scan(at: number) {
      settings = await getAllSettings(db);
      const o = await desk.scanned(CARD, at);
      if (o?.kind !== 'logged') throw new Error(`not logged: ${JSON.stringify(o)}`);
      return o.row;
    },
    sync: (beforePost?: () => Promise<void>) => pushOutbox(db, { fetch: appFetch(app, beforePost) }),
  };
}

describeEngines('automatic IN/OUT across two kiosks of one site (issue #16, %s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let siteId: string;
  const dbs: GatelogDb[] = [];
  const stored = (id: string) => t.db.selectFrom('checkin').select(['direction', 'direction_revision']).where('id', '=', id).executeTakeFirstOrThrow();

  beforeEach(async () => {
    t = await openTestDatabase(engine);
    app = await buildApp(t.config, { db: t.db, logger: false });
    await app.ready();
    siteId = (await seedSite(app.repos, { siteName: 'Cảng Cái Rồng' })).site.id;
    await app.repos.sites.setGate(siteId, { directionMode: 'auto', closingTime: null });
  });
  afterEach(async () => {
    for (const db of dbs.splice(0)) {
      db.close();
      await Dexie.delete(db.name);
    }
    await app.close();
    await t.cleanup();
  });

  it('logs OUT at kiosk B for a visitor who came in at kiosk A, once A has synced and B has pulled', async () => {
    const a = await kiosk(app, siteId);
    const b = await kiosk(app, siteId);
    dbs.push(a.db, b.db);
    expect((await a.sync()).kind).toBe('done'); // both learn the site's gate settings
    expect((await b.sync()).kind).toBe('done');
    expect((await a.db.settings.get('gate'))?.value).toEqual({ directionMode: 'auto', closingTime: null });
    const now = Date.now();
    expect((await a.scan(now)).direction).toBe('in');
    // Kiosk A knows its own log at once.
    expect((await a.scan(now + 10_000)).direction).toBe('out');
    expect((await a.scan(now + 20_000)).direction).toBe('in');
    // A syncs, B pulls: the visitor is inside, so kiosk B logs OUT.
    await a.sync();
    await b.sync();
    expect((await b.scan(now + 30_000)).direction).toBe('out');
    // And the other way round: A learns B's OUT on its next pull.
    await b.sync();
    await a.sync();
    expect((await a.scan(now + 40_000)).direction).toBe('in');
  });

  it('sends a correction of a record the server has, and applies it once', async () => {
    const a = await kiosk(app, siteId);
    dbs.push(a.db);
    await a.sync();
    const row = await a.scan(Date.now());
    await a.sync();
    expect(await stored(row.id)).toEqual({ direction: 'in', direction_revision: 0 });
    const fixed = await correctDirection(a.db, row.id, 'out');
    expect(fixed).toMatchObject({ direction: 'out', directionRevision: 1, syncState: 'pending' });
    expect(await a.sync()).toMatchObject({ kind: 'done', accepted: 1 });
    expect(await stored(row.id)).toEqual({ direction: 'out', direction_revision: 1 });
    expect((await a.db.outbox.get(row.id))!.syncState).toBe('synced');
  });

  it('keeps a record corrected while its batch is on the way pending, and sends the correction after it', async () => {
    const a = await kiosk(app, siteId);
    dbs.push(a.db);
    await a.sync();
    const row = await a.scan(Date.now());
    let posts = 0;
    const outcome = await a.sync(async () => {
      // The attendant taps "Đổi thành RA" while the batch carrying the IN is on its way.
      if (posts++ === 0) await correctDirection(a.db, row.id, 'out');
    });
    // The answer to the IN did not mark the corrected row synced: it went again, with its revision, in the same run.
    expect(outcome).toMatchObject({ kind: 'done', accepted: 2 });
    expect(posts).toBe(2);
    expect(await stored(row.id)).toEqual({ direction: 'out', direction_revision: 1 });
    expect((await a.db.outbox.get(row.id))!).toMatchObject({ syncState: 'synced', direction: 'out', directionRevision: 1 });
  });
});
