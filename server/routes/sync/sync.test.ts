import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { pushResponseSchema, type CheckIn, type PushResponse } from '../../../src/protocol';
import { sql } from 'kysely';
import { checkinsList } from '../../cli/commands/checkins';
import { loginAdmin } from '../../test-support/admin';
import type { TestDatabase } from '../../test-support/engines';
import { describeEngines } from '../../test-support/describe-engines';
import { checkIn, enrolDevice, seedSite } from '../../test-support/fixtures';
import { startTestApp, stopTestApp } from '../../test-support/test-app';

const HOUR = 3_600_000;

describeEngines('POST /api/v1/sync/checkins (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let token: string;
  let deviceId: string;
  let siteId: string;

  const push = async (body: unknown, opts: { gzip?: boolean; auth?: string; acceptGzip?: boolean } = {}) => {
    const json = Buffer.from(JSON.stringify(body));
    return app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: {
        authorization: opts.auth ?? `Bearer ${token}`,
        'content-type': 'application/json',
        ...(opts.gzip ? { 'content-encoding': 'gzip' } : {}),
        ...(opts.acceptGzip ? { 'accept-encoding': 'gzip, deflate, br' } : {}),
      },
      payload: opts.gzip ? gzipSync(json) : json,
    });
  };
  const statuses = (res: { json(): unknown }) => (res.json() as PushResponse).results.map((r) => r.status);

  beforeEach(async () => {
    ({ t, app } = await startTestApp(engine));
    const { site } = await seedSite(app.repos);
    siteId = site.id;
    const enrolled = await enrolDevice(app, site.id);
    token = enrolled.token;
    deviceId = enrolled.deviceId;
  });
  afterEach(() => stopTestApp(app, t));

  it('accepts valid records and stores them with the site and device', async () => {
    const a = checkIn({ seq: 1, direction: 'in' });
    const b = checkIn({ seq: 2, direction: 'out', visitor: { kind: 'pass', subject: 'PASS-7', idNumber: undefined, name: undefined } });
    const res = await push({ sentAt: Date.now(), records: [a, b] });
    expect(res.statusCode).toBe(200);
    const body = pushResponseSchema.parse(res.json());
    expect(body.results).toEqual([
      { index: 0, status: 'accepted' },
      { index: 1, status: 'accepted' },
    ]);
    const rows = await t.db.selectFrom('checkin').selectAll().orderBy('seq').execute();
    expect(rows.map((r) => [r.id, r.device_id, r.site_id, r.seq, r.direction, r.subject, r.kind, r.name])).toEqual([
      [a.id, deviceId, siteId, 1, 'in', '001099012345', 'cccd', 'Nguyễn Văn A'],
      [b.id, deviceId, siteId, 2, 'out', 'PASS-7', 'pass', null],
    ]);
  });

  it('answers duplicate for a batch sent twice, and stores each record once', async () => {
    const batch = { sentAt: Date.now(), records: [checkIn({ seq: 1 }), checkIn({ seq: 2 })] };
    expect(statuses(await push(batch))).toEqual(['accepted', 'accepted']);
    expect(statuses(await push(batch))).toEqual(['duplicate', 'duplicate']);
    const n = await t.db.selectFrom('checkin').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(2);
  });

  it('stays correct when the same batch arrives twice at once', async () => {
    const records = Array.from({ length: 50 }, (_, i) => checkIn({ seq: i + 1 }));
    const batch = { sentAt: Date.now(), records };
    const answers = await Promise.all([push(batch), push(batch), push(batch)]);
    expect(answers.map((a) => a.statusCode)).toEqual([200, 200, 200]);
    for (let i = 0; i < records.length; i++) {
      const perAnswer = answers.map((a) => (a.json() as PushResponse).results[i]?.status).sort();
      expect(perAnswer).toEqual(['accepted', 'duplicate', 'duplicate']);
    }
    const n = await t.db.selectFrom('checkin').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(50);
  });

  it('rejects an invalid record alone and accepts the others', async () => {
    const good1 = checkIn({ seq: 1 });
    const bad = { ...checkIn({ seq: 2 }), direction: 'sideways' };
    const good2 = checkIn({ seq: 3 });
    const res = await push({ sentAt: Date.now(), records: [good1, bad, good2, 42] });
    expect(res.statusCode).toBe(200);
    const { results } = pushResponseSchema.parse(res.json());
    expect(results.map(({ id, index, status }) => ({ id, index, status }))).toEqual([
      { id: undefined, index: 0, status: 'accepted' },
      { id: bad.id, index: 1, status: 'rejected' },
      { id: undefined, index: 2, status: 'accepted' },
      { id: null, index: 3, status: 'rejected' },
    ]);
    expect(results[1]?.reason).toMatch(/^direction: /);
    const ids = (await t.db.selectFrom('checkin').select('id').execute()).map((r) => r.id).sort();
    expect(ids).toEqual([good1.id, good2.id].sort());
  });

  it('marks a repeated id inside one batch as duplicate', async () => {
    const a = checkIn({ seq: 1 });
    expect(statuses(await push({ sentAt: Date.now(), records: [a, a] }))).toEqual(['accepted', 'duplicate']);
  });

  it('accepts a gzip-compressed body', async () => {
    const records = [checkIn({ seq: 1 }), checkIn({ seq: 2 })];
    const res = await push({ sentAt: Date.now(), records }, { gzip: true });
    expect(res.statusCode).toBe(200);
    expect(statuses(res)).toEqual(['accepted', 'accepted']);
  });

  it('refuses a gzip body that inflates beyond 1 MB (413) and corrupt gzip (400)', async () => {
    const bomb = gzipSync(Buffer.from(`{"sentAt":1,"records":[${'0,'.repeat(600_000)}0]}`));
    expect(bomb.length).toBeLessThan(64 * 1024);
    const res = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: bomb,
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({ code: 'body_too_large' });

    const corrupt = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
      payload: Buffer.from('definitely not gzip'),
    });
    expect(corrupt.statusCode).toBe(400);
    expect(corrupt.json()).toMatchObject({ code: 'bad_encoding' });
  });

  it('answers 401 revoked for a revoked device and 401 unauthorized for an unknown token', async () => {
    await app.repos.devices.revoke(deviceId);
    const revoked = await push({ sentAt: Date.now(), records: [checkIn()] });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json()).toEqual({ code: 'revoked', message: 'This kiosk was revoked by an administrator.' });

    const unknown = await push({ sentAt: Date.now(), records: [checkIn()] }, { auth: 'Bearer not-a-real-token' });
    expect(unknown.statusCode).toBe(401);
    expect(unknown.json()).toMatchObject({ code: 'device_unknown' });
    const missing = await push({ sentAt: Date.now(), records: [checkIn()] }, { auth: '' });
    expect(missing.statusCode).toBe(401);
    expect(missing.json()).toMatchObject({ code: 'unauthorized' });
    const n = await t.db.selectFrom('checkin').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(0);
  });

  it('answers 400 bad_batch for an invalid envelope', async () => {
    for (const body of [{ records: [checkIn()] }, { sentAt: Date.now(), records: [] }, { sentAt: 'now', records: [checkIn()] }]) {
      const res = await push(body);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toMatchObject({ code: 'bad_batch' });
    }
    const notJson = await app.inject({
      method: 'POST',
      url: '/api/v1/sync/checkins',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"sentAt":',
    });
    expect(notJson.statusCode).toBe(400);
  });

  it('corrects a device clock that is 1 h behind', async () => {
    const deviceNow = Date.now() - HOUR;
    const rec = checkIn({ deviceTime: deviceNow - 5_000 });
    const before = Date.now();
    await push({ sentAt: deviceNow, records: [rec] });
    const after = Date.now();
    const row = await t.db.selectFrom('checkin').selectAll().executeTakeFirstOrThrow();
    expect(row.device_time).toBe(deviceNow - 5_000);
    expect(row.received_at).toBeGreaterThanOrEqual(before);
    expect(row.received_at).toBeLessThanOrEqual(after);
    // corrected = device_time + (received_at - sentAt): 5 s before the server received the batch.
    expect(row.corrected_time).toBe(row.received_at - 5_000);
    expect(typeof row.corrected_time).toBe('number');
  });

  it('keeps only the fields the site keeps, whatever the kiosk sent', async () => {
    const { site } = await seedSite(app.repos, { policy: { keptFields: ['name', 'birthYear'], retentionDays: 7 } });
    const other = await enrolDevice(app, site.id);
    const rec: CheckIn = checkIn({
      visitor: { idNumber: '001099012345', name: 'Trần Thị B', birthYear: 1990, gender: 'Nữ', address: 'Hà Nội', phone: '0901234567' },
    });
    const res = await push({ sentAt: Date.now(), records: [rec] }, { auth: `Bearer ${other.token}` });
    expect(statuses(res)).toEqual(['accepted']);
    const row = await t.db.selectFrom('checkin').selectAll().executeTakeFirstOrThrow();
    expect(JSON.parse(row.visitor)).toEqual({ kind: 'cccd', subject: '001099012345', name: 'Trần Thị B', birthYear: 1990 });
    expect(row.name).toBe('Trần Thị B');
    expect(row.subject).toBe('001099012345');

    const { site: bare } = await seedSite(app.repos, { policy: { keptFields: [], retentionDays: 7 } });
    const third = await enrolDevice(app, bare.id);
    await push({ sentAt: Date.now(), records: [checkIn({ seq: 9 })] }, { auth: `Bearer ${third.token}` });
    const bareRow = await t.db.selectFrom('checkin').selectAll().where('site_id', '=', bare.id).executeTakeFirstOrThrow();
    expect(JSON.parse(bareRow.visitor)).toEqual({ kind: 'cccd', subject: '001099012345' });
    expect(bareRow.name).toBeNull();
  });

  it('records last sync, pending count and app version on the device', async () => {
    const batch = { sentAt: Date.now(), pending: 10, appVersion: '2.0.0', records: [checkIn({ seq: 1 }), checkIn({ seq: 2 }), { id: 'x' }] };
    await push(batch);
    const device = await app.repos.devices.get(deviceId);
    expect(device?.pendingReported).toBe(8);
    expect(device?.appVersion).toBe('2.0.0');
    expect(device?.lastSyncAt).toBeGreaterThan(Date.now() - 10_000);
  });

  it('gzips a large answer for a client that accepts gzip, and answers plain JSON otherwise', async () => {
    const records = Array.from({ length: 100 }, (_, i) => checkIn({ seq: i }));
    const zipped = await push({ sentAt: Date.now(), records }, { acceptGzip: true });
    expect(zipped.headers['content-encoding']).toBe('gzip');
    const answer = pushResponseSchema.parse(JSON.parse(gunzipSync(zipped.rawPayload).toString('utf8')));
    expect(answer.results.map((r) => r.status)).toEqual(records.map(() => 'accepted'));
    expect(zipped.rawPayload.length).toBeLessThan(JSON.stringify(answer).length / 5);
    const plain = await push({ sentAt: Date.now(), records });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(statuses(plain)).toEqual(records.map(() => 'duplicate'));
  });

  // Issue #10: a record the database cannot store is rejected alone; the batch never fails (a 5xx is retried forever).
  it('rejects a record with NUL in its name and stores the rest of the batch', async () => {
    const good = checkIn({ seq: 1 });
    const nul = checkIn({ seq: 2, visitor: { subject: '001099000777', idNumber: '001099000777', name: 'Ng\u0000uyễn' } });
    const res = await push({ sentAt: Date.now(), records: [good, nul] });
    expect(res.statusCode).toBe(200);
    expect((res.json() as PushResponse).results).toEqual([
      { index: 0, status: 'accepted' },
      { index: 1, status: 'rejected', id: nul.id, reason: 'nul_character' },
    ]);
    const again = await push({ sentAt: Date.now(), records: [good, nul] });
    expect(statuses(again)).toEqual(['duplicate', 'rejected']);
    expect((await t.db.selectFrom('checkin').select('id').execute()).map((r) => r.id)).toEqual([good.id]);
  });

  it('rejects alone a record the database refuses for any reason, and stores the rest', async () => {
    // Make the database itself refuse one subject, as a disk or constraint error would.
    if (engine === 'sqlite') {
      await sql`create trigger refuse_one before insert on checkin when new.subject = 'REFUSE-ME' begin select raise(abort, 'refused'); end`.execute(t.db);
    } else {
      await sql`alter table checkin add constraint refuse_one check (subject <> 'REFUSE-ME')`.execute(t.db);
    }
    const good = checkIn({ seq: 1 });
    const refused = checkIn({ seq: 2, visitor: { kind: 'badge', subject: 'REFUSE-ME', idNumber: undefined } });
    const later = checkIn({ seq: 3, visitor: { subject: '001099000778', idNumber: '001099000778' } });
    const res = await push({ sentAt: Date.now(), records: [good, refused, later] });
    expect(res.statusCode).toBe(200);
    expect((res.json() as PushResponse).results).toEqual([
      { index: 0, status: 'accepted' },
      { index: 1, status: 'rejected', id: refused.id, reason: 'unstorable' },
      { index: 2, status: 'accepted' },
    ]);
    expect((await t.db.selectFrom('checkin').select('id').orderBy('seq').execute()).map((r) => r.id)).toEqual([good.id, later.id]);
  });

  it('rejects far-future and pre-2020 device times, and every reader tolerates any stored time', async () => {
    const now = Date.now();
    const records = [
      checkIn({ seq: 1, deviceTime: now }),
      checkIn({ seq: 2, deviceTime: 9e15, id: '01900000-0000-7000-8000-000000000002' }),
      checkIn({ seq: 3, deviceTime: Number.MAX_SAFE_INTEGER, id: '01900000-0000-7000-8000-000000000003' }),
      checkIn({ seq: 4, deviceTime: now + 3 * 86_400_000 }),
      checkIn({ seq: 5, deviceTime: Date.UTC(2019, 5, 1) }),
    ];
    const res = await push({ sentAt: now, records });
    expect(res.statusCode).toBe(200);
    expect((res.json() as PushResponse).results.map((r) => [r.status, r.reason])).toEqual([
      ['accepted', undefined],
      ['rejected', 'time_out_of_range'],
      ['rejected', 'time_out_of_range'],
      ['rejected', 'time_out_of_range'],
      ['rejected', 'time_out_of_range'],
    ]);
    // A value that got in before this bound (or by hand) breaks no reader: trace, site log, CLI listing.
    const stored = await t.db.selectFrom('checkin').selectAll().executeTakeFirstOrThrow();
    await t.db.insertInto('checkin').values({ ...stored, id: '01900000-0000-7000-8000-0000000000ff', seq: 9, device_time: 9e15, corrected_time: 9e15, received_at: now }).execute();
    const admin = await loginAdmin(app, (await app.repos.sites.get(siteId))!.orgId, 'admin@sync.vn');
    const trace = await app.inject({ method: 'POST', url: '/api/v1/trace', payload: { subject: '001099012345' }, headers: { authorization: admin } });
    expect(trace.statusCode).toBe(200);
    const log = await app.inject({ method: 'GET', url: `/api/v1/sites/${siteId}/log`, headers: { authorization: admin } });
    expect(log.statusCode).toBe(200);
    const list = await app.inject({ method: 'GET', url: `/api/v1/checkins?site=${siteId}`, headers: { authorization: admin } });
    expect(list.statusCode).toBe(200);
    const cli = await checkinsList.run({ config: t.config, db: t.db, repos: app.repos }, { values: { site: siteId }, positionals: [] }, { json: false, readStdin: async () => '' });
    expect(cli.human).toContain('+275760-09-1');
  });

  it('answers rejected (id_taken), not duplicate, when another kiosk already stored the id', async () => {
    const record = checkIn({ seq: 1 });
    expect(statuses(await push({ sentAt: Date.now(), records: [record] }))).toEqual(['accepted']);
    const other = await enrolDevice(app, siteId);
    const res = await push({ sentAt: Date.now(), records: [{ ...record, seq: 7 }] }, { auth: `Bearer ${other.token}` });
    expect((res.json() as PushResponse).results).toEqual([{ index: 0, status: 'rejected', id: record.id, reason: 'id_taken' }]);
    // The kiosk that stored it still hears `duplicate` on a resend.
    expect(statuses(await push({ sentAt: Date.now(), records: [record] }))).toEqual(['duplicate']);
  });
});
