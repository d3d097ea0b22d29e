import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createdWebhookSchema, webhookDeliveryListSchema, type WebhookEvent } from '../../src/protocol';
import { buildApp } from '../app';
import { loginAdmin } from '../test-support/admin';
import { openTestDatabase, type TestDatabase } from '../test-support/engines';
import { describeEngines } from '../test-support/describe-engines';
import { checkIn, enrolDevice, seedSite, uuidv7 } from '../test-support/fixtures';
import { startWebhookReceiver, type WebhookReceiver } from '../test-support/webhook-receiver';
import { isAllowedWebhookUrl, isRefusedAddress } from './address-guard';
import { enqueueWebhookEvents } from './enqueue-events';
import { postDelivery } from './post-delivery';
import { retryDelay } from './retry-delay';
import { DEFAULT_WEBHOOK_SETTINGS, type WebhookSettings } from './settings';

/** Fast retries so a test sees several; 0.4 s per attempt so a hanging receiver costs little. */
const FAST: WebhookSettings = { ...DEFAULT_WEBHOOK_SETTINGS, allowPrivate: true, pollMs: 40, retryBaseMs: 60, retryCapMs: 400, timeoutMs: 400, maxAttempts: 30 };

async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describeEngines('webhooks (%s)', (engine) => {
  let t: TestDatabase;
  let app: FastifyInstance;
  let receiver: WebhookReceiver;

  const build = async (settings: WebhookSettings = FAST) => {
    app = await buildApp({ ...t.config, webhooks: settings }, { db: t.db, logger: false, retentionJob: false });
    await app.ready();
    return app;
  };
  beforeEach(async () => {
    t = await openTestDatabase(engine);
    receiver = await startWebhookReceiver();
  });
  afterEach(async () => {
    await app?.close();
    await receiver.close();
    await t.cleanup();
  });

  /** Registers the receiver through the API for `events`, and tells it the secret answered once. */
  const register = async (auth: string, orgId: string, events: string[], url = receiver.url) => {
    const res = await app.inject({ method: 'POST', url: `/api/v1/orgs/${orgId}/webhooks`, headers: { authorization: auth }, payload: { url, events } });
    expect(res.statusCode, res.body).toBe(200);
    const created = createdWebhookSchema.parse(res.json());
    receiver.setSecret(created.secret);
    return created;
  };
  /** The app built with `settings`, an org with a site and a kiosk, and the receiver registered for check-ins by the org's admin. */
  const subscribedKiosk = async (settings: WebhookSettings = FAST) => {
    await build(settings);
    const { org, site } = await seedSite(app.repos);
    const auth = await loginAdmin(app, org.id, 'a@example.vn');
    const { endpoint } = await register(auth, org.id, ['checkin']);
    const kiosk = await enrolDevice(app, site.id);
    return { org, site, auth, endpoint, kiosk };
  };
  const push = (token: string, records: unknown[]) =>
    app.inject({ method: 'POST', url: '/api/v1/sync/checkins', headers: { authorization: `Bearer ${token}` }, payload: { sentAt: Date.now(), records } });
  const statuses = async () => (await t.db.selectFrom('webhook_delivery').select(['id', 'status', 'attempts']).execute()).map((r) => ({ ...r, attempts: Number(r.attempts) }));

  it('signs each delivery, carries a sync batch of check-ins in one, to the endpoints above the site, with minimal personal data', async () => {
    await build();
    const { org: province } = await seedSite(app.repos, { orgName: 'Tỉnh' });
    const { site } = await seedSite(app.repos, { orgName: 'Trường', parentId: province.id, policy: { keptFields: ['name', 'idNumber', 'phone'], retentionDays: 30 } });
    const { site: dropsNames } = await seedSite(app.repos, { orgName: 'Cảng', parentId: province.id, policy: { keptFields: ['idNumber'], retentionDays: 30 } });
    const auth = await loginAdmin(app, province.id, 'boss@example.vn');
    const created = await register(auth, province.id, ['checkin']);
    expect(created.secret).toMatch(/^whsec_/);
    // Listing never shows the secret again.
    const list = await app.inject({ method: 'GET', url: `/api/v1/orgs/${province.id}/webhooks`, headers: { authorization: auth } });
    expect(list.body).not.toContain(created.secret);

    const kiosk = await enrolDevice(app, site.id);
    const records = [1, 2, 3].map((seq) => checkIn({ seq, visitor: { phone: '0912345678' } }));
    expect((await push(kiosk.token, records)).statusCode).toBe(200);
    await waitFor('the delivery', () => receiver.accepted.size === 1);
    const [request] = receiver.requests;
    expect(request!.signatureValid).toBe(true);
    expect(request!.body.id).toBe(request!.id);
    expect(request!.body).toMatchObject({ type: 'checkin', orgId: site.orgId });
    expect(request!.body.events.map((e) => e.id)).toEqual(records.map((r) => r.id));
    // Exactly these fields, as sent (not as a schema would strip them).
    expect((JSON.parse(request!.raw) as { events: unknown[] }).events[0]).toStrictEqual({
      type: 'checkin',
      id: records[0]!.id,
      siteId: site.id,
      deviceId: kiosk.deviceId,
      time: expect.any(String),
      direction: 'in',
      kind: 'cccd',
      name: 'Nguyễn Văn A',
    });
    for (const personal of ['001099012345', '0912345678']) expect(request!.raw).not.toContain(personal);

    // Resent (the kiosk missed the answer): nothing new is stored, so nothing new is sent.
    expect((await push(kiosk.token, records)).statusCode).toBe(200);
    // A site that does not keep names sends none.
    const portKiosk = await enrolDevice(app, dropsNames.id);
    expect((await push(portKiosk.token, [checkIn()])).statusCode).toBe(200);
    await waitFor('the second delivery', () => receiver.accepted.size === 2);
    const second = receiver.requests.at(-1)!.body;
    expect(second.events).toHaveLength(1);
    expect(second.events[0]).not.toHaveProperty('name');
    expect(receiver.requests.at(-1)!.raw).not.toContain('Nguyễn');
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    expect(receiver.requests).toHaveLength(2);
  });

  it('enqueues refused and watchlist_hit events through enqueueWebhookEvents, in the caller’s transaction, to subscribers only', async () => {
    await build();
    const { org, site } = await seedSite(app.repos);
    const auth = await loginAdmin(app, org.id, 'a@example.vn');
    const both = await register(auth, org.id, ['refused', 'watchlist_hit']);
    const other = await startWebhookReceiver();
    try {
      const checkinsOnly = await app.repos.webhooks.createEndpoint({ orgId: org.id, url: other.url, events: ['checkin'], secret: 'x' });
      const time = new Date().toISOString();
      const events: WebhookEvent[] = [
        { type: 'refused', id: uuidv7(), siteId: site.id, deviceId: 'dev_a', time, reason: 'watchlist', watchlistEntryId: 'wl_1' },
        { type: 'watchlist_hit', id: uuidv7(), siteId: site.id, deviceId: 'dev_a', time, watchlistEntryId: 'wl_1', action: 'refuse' },
        { type: 'watchlist_hit', id: uuidv7(), siteId: site.id, deviceId: 'dev_a', time, watchlistEntryId: 'wl_2', action: 'alert' },
      ];
      // A transaction that rolls back enqueues nothing.
      await expect(
        t.db.transaction().execute(async (trx) => {
          await enqueueWebhookEvents(trx, org.id, events);
          throw new Error('rolled back');
        }),
      ).rejects.toThrow('rolled back');
      expect(await statuses()).toEqual([]);

      await t.db.transaction().execute((trx) => enqueueWebhookEvents(trx, org.id, events));
      await waitFor('two deliveries', () => receiver.accepted.size === 2);
      const byType = new Map([...receiver.accepted.values()].map((b) => [b.type, b.events]));
      expect(byType.get('refused')).toEqual([events[0]]);
      expect(byType.get('watchlist_hit')).toEqual([events[1], events[2]]);
      expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
      expect(both.endpoint.events).toEqual(['refused', 'watchlist_hit']);
      expect((await app.repos.webhooks.listDeliveries(checkinsOnly.id, 10)).length).toBe(0);
      expect(other.requests).toHaveLength(0);
    } finally {
      await other.close();
    }
  });

  it('sends a kiosk\'s refused attempt as `refused` (not a check-in) and both watchlist matches as `watchlist_hit`, stored in the sync transaction', async () => {
    await build();
    const { org, site } = await seedSite(app.repos);
    const auth = await loginAdmin(app, org.id, 'a@example.vn');
    await register(auth, org.id, ['checkin', 'refused', 'watchlist_hit']);
    const kiosk = await enrolDevice(app, site.id);
    const visit = checkIn({ seq: 1 });
    const refused = { ...checkIn({ seq: 2, visitor: { subject: '001099099999', idNumber: '001099099999' } }), outcome: 'refused' as const, watchlistId: 'wl_refuse' };
    const alerted = { ...checkIn({ seq: 3, visitor: { subject: '001099088888', idNumber: '001099088888' } }), outcome: 'alert' as const, watchlistId: 'wl_alert' };
    expect((await push(kiosk.token, [visit, refused, alerted])).statusCode).toBe(200);
    await waitFor('three deliveries', () => receiver.accepted.size === 3);
    const byType = new Map([...receiver.accepted.values()].map((b) => [b.type, b.events]));
    expect(byType.get('checkin')!.map((e) => e.id)).toEqual([visit.id, alerted.id]);
    expect(byType.get('refused')).toEqual([expect.objectContaining({ type: 'refused', id: refused.id, reason: 'watchlist', watchlistEntryId: 'wl_refuse' })]);
    expect(byType.get('watchlist_hit')).toEqual([
      expect.objectContaining({ id: refused.id, watchlistEntryId: 'wl_refuse', action: 'refuse' }),
      expect.objectContaining({ id: alerted.id, watchlistEntryId: 'wl_alert', action: 'alert' }),
    ]);
    for (const r of receiver.requests) for (const personal of ['001099099999', '001099088888']) expect(r.raw).not.toContain(personal);
  });

  it('retries a receiver that fails and times out, across a server restart, until it has every event exactly once', async () => {
    const { kiosk } = await subscribedKiosk();
    const sent: string[] = [];

    receiver.setMode('fail');
    for (let batch = 0; batch < 3; batch++) {
      const records = [checkIn({ seq: batch * 2 + 1 }), checkIn({ seq: batch * 2 + 2 })];
      sent.push(...records.map((r) => r.id));
      expect((await push(kiosk.token, records)).statusCode).toBe(200);
    }
    await waitFor('failed attempts', () => receiver.requests.length >= 6);
    receiver.setMode('hang');
    const seen = receiver.requests.length;
    await waitFor('timed-out attempts', () => receiver.requests.length >= seen + 3);

    // Restart mid-way: close the app (attempts in flight end by their timeout) and build it again on the same database.
    await app.close();
    const pending = await statuses();
    expect(pending).toHaveLength(3);
    expect(pending.every((d) => d.status === 'pending' && d.attempts >= 1)).toBe(true);
    receiver.setMode('ok');
    await build();
    await waitFor('every delivery', async () => (await statuses()).every((d) => d.status === 'delivered'));

    expect(receiver.accepted.size).toBe(3);
    const received = [...receiver.accepted.values()].flatMap((b) => b.events.map((e) => e.id));
    expect(received.sort()).toEqual([...sent].sort());
    expect(receiver.requests.every((r) => r.signatureValid)).toBe(true);
    // Every retry of one delivery carried the same idempotency key and the same body.
    for (const id of receiver.accepted.keys()) {
      const attempts = receiver.requests.filter((r) => r.id === id);
      expect(attempts.length).toBeGreaterThan(1);
      expect(new Set(attempts.map((r) => JSON.stringify(r.body))).size).toBe(1);
    }
    // A delivered row is not sent again.
    const requests = receiver.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(receiver.requests.length).toBe(requests);
  });

  it('stops at once while a receiver hangs, and sends that delivery again after the restart', async () => {
    const { kiosk } = await subscribedKiosk({ ...FAST, timeoutMs: 10_000 });
    receiver.setMode('hang');
    expect((await push(kiosk.token, [checkIn()])).statusCode).toBe(200);
    await waitFor('the hanging attempt', () => receiver.requests.length === 1);
    const started = Date.now();
    await app.close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect((await statuses()).map((d) => [d.status, d.attempts])).toEqual([['pending', 1]]);
    receiver.setMode('ok');
    await build();
    await waitFor('the delivery', () => receiver.accepted.size === 1);
    expect(receiver.requests.map((r) => r.id)).toEqual([receiver.requests[0]!.id, receiver.requests[0]!.id]);
  });

  it('marks a delivery failed after its last attempt, shows it in the log, and redelivers it with the same key', async () => {
    const { auth, endpoint, kiosk } = await subscribedKiosk({ ...FAST, maxAttempts: 3 });
    receiver.setMode('fail');
    expect((await push(kiosk.token, [checkIn()])).statusCode).toBe(200);
    const log = async () => {
      const res = await app.inject({ method: 'GET', url: `/api/v1/webhooks/${endpoint.id}/deliveries`, headers: { authorization: auth } });
      expect(res.statusCode, res.body).toBe(200);
      return webhookDeliveryListSchema.parse(res.json()).deliveries;
    };
    await waitFor('the failure', async () => (await log())[0]?.status === 'failed');
    const [failed] = await log();
    expect(failed).toMatchObject({ status: 'failed', attempts: 3, lastError: 'HTTP 500', nextAttemptAt: null, events: 1, type: 'checkin' });
    expect(receiver.requests).toHaveLength(3);

    receiver.setMode('ok');
    const again = await app.inject({ method: 'POST', url: `/api/v1/webhook-deliveries/${failed!.id}/redeliver`, headers: { authorization: auth } });
    expect(again.statusCode, again.body).toBe(200);
    await waitFor('the redelivery', async () => (await log())[0]?.status === 'delivered');
    expect([...receiver.accepted.keys()]).toEqual([failed!.id]);

    // Another org's admin sees neither the log nor the redeliver button's effect.
    const { org: other } = await seedSite(app.repos, { orgName: 'Khác' });
    const stranger = await loginAdmin(app, other.id, 'b@example.vn');
    expect((await app.inject({ method: 'GET', url: `/api/v1/webhooks/${endpoint.id}/deliveries`, headers: { authorization: stranger } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'POST', url: `/api/v1/webhook-deliveries/${failed!.id}/redeliver`, headers: { authorization: stranger } })).statusCode).toBe(403);
    expect((await app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${endpoint.id}`, headers: { authorization: stranger } })).statusCode).toBe(403);
    const deleted = await app.inject({ method: 'DELETE', url: `/api/v1/webhooks/${endpoint.id}`, headers: { authorization: auth } });
    expect(deleted.json()).toEqual({ ok: true });
  });

  it('drops a finished delivery’s events a day later and its log line after 30 days; a pending one keeps them', async () => {
    const { org, site, auth, endpoint, kiosk } = await subscribedKiosk({ ...FAST, maxAttempts: 1 });
    receiver.setMode('fail');
    expect((await push(kiosk.token, [checkIn()])).statusCode).toBe(200);
    await waitFor('the failure', async () => (await statuses())[0]?.status === 'failed');
    const [failed] = await app.repos.webhooks.listDeliveries(endpoint.id, 10);
    expect(failed!.eventsKept).toBe(true);
    // Another org's endpoint, with a delivery still pending (due in ten minutes).
    const { org: other } = await seedSite(app.repos, { orgName: 'Khác' });
    const pending = await app.repos.webhooks.createEndpoint({ orgId: other.id, url: 'https://hooks.example.vn/', events: ['checkin'], secret: 's' });
    await t.db.transaction().execute((trx) => enqueueWebhookEvents(trx, other.id, [{ type: 'checkin', id: uuidv7(), siteId: site.id, deviceId: kiosk.deviceId, time: new Date().toISOString(), direction: 'in', kind: 'cccd' }], Date.now() + 10 * 60_000));
    const DAY = 86_400_000;

    expect(await app.repos.webhooks.purgeFinished(Date.now() + DAY / 2)).toBe(0);
    expect(await app.repos.webhooks.purgeFinished(Date.now() + DAY + 60_000)).toBe(1);
    const [purged] = await app.repos.webhooks.listDeliveries(endpoint.id, 10);
    expect(purged).toMatchObject({ id: failed!.id, status: 'failed', eventsKept: false });
    const again = await app.inject({ method: 'POST', url: `/api/v1/webhook-deliveries/${failed!.id}/redeliver`, headers: { authorization: auth } });
    expect(again.statusCode).toBe(409);
    const payloads = await t.db.selectFrom('webhook_delivery').select(['id', 'payload']).execute();
    expect(payloads.find((p) => p.id === failed!.id)!.payload).toBe('');

    expect(await app.repos.webhooks.purgeFinished(Date.now() + 31 * DAY)).toBe(1);
    expect(await app.repos.webhooks.listDeliveries(endpoint.id, 10)).toEqual([]);
    // The one still pending keeps its events.
    expect((await app.repos.webhooks.listDeliveries(pending.id, 10)).map((d) => [d.status, d.eventsKept])).toEqual([['pending', true]]);
  });

  it('refuses endpoints on loopback and private ranges unless GATELOG_WEBHOOKS_ALLOW_PRIVATE allows them', async () => {
    await build({ ...FAST, allowPrivate: false });
    const { org } = await seedSite(app.repos);
    const auth = await loginAdmin(app, org.id, 'a@example.vn');
    for (const url of ['http://127.0.0.1:9/x', 'http://localhost/x', 'http://10.1.2.3/', 'http://169.254.169.254/latest', 'http://[::1]/', 'http://[::ffff:192.168.1.1]/']) {
      const res = await app.inject({ method: 'POST', url: `/api/v1/orgs/${org.id}/webhooks`, headers: { authorization: auth }, payload: { url, events: ['checkin'] } });
      expect(res.statusCode, url).toBe(400);
      expect(res.json().code).toBe('webhook_address_refused');
    }
    const bad = await app.inject({ method: 'POST', url: `/api/v1/orgs/${org.id}/webhooks`, headers: { authorization: auth }, payload: { url: 'ftp://example.vn/', events: ['checkin'] } });
    expect(bad.statusCode).toBe(400);
    const viewer = await loginAdmin(app, org.id, 'v@example.vn', { role: 'viewer' });
    const byViewer = await app.inject({ method: 'POST', url: `/api/v1/orgs/${org.id}/webhooks`, headers: { authorization: viewer }, payload: { url: 'https://hooks.example.vn/', events: ['checkin'] } });
    expect(byViewer.statusCode).toBe(403);
    expect(isAllowedWebhookUrl('https://hooks.example.vn/', false)).toBe(true);
    expect(isAllowedWebhookUrl('http://127.0.0.1/', true)).toBe(true);
    // A name that resolves to loopback is refused when connecting, not only literal addresses.
    const sent = await postDelivery({ id: 'whd_a_b', type: 'checkin', url: receiver.url.replace('127.0.0.1', 'localhost'), secret: 's', body: '{}' }, { timeoutMs: 1000, allowPrivate: false });
    expect(sent).toBe('refused_address');
    expect(receiver.requests).toHaveLength(0);
  });
});

describe('webhook helpers', () => {
  it('refuses private, loopback, link-local and mapped addresses, and allows public ones', () => {
    for (const ip of ['127.0.0.1', '10.0.0.1', '172.16.5.4', '192.168.0.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1', '::ffff:127.0.0.1']) {
      expect(isRefusedAddress(ip), ip).toBe(true);
    }
    for (const ip of ['8.8.8.8', '1.1.1.1', '2001:4860:4860::8888', '::ffff:8.8.8.8']) expect(isRefusedAddress(ip), ip).toBe(false);
  });

  it('backs off exponentially with jitter, up to a cap', () => {
    expect(retryDelay(1, 1000, 60_000, () => 0)).toBe(500);
    expect(retryDelay(1, 1000, 60_000, () => 1)).toBe(1000);
    expect(retryDelay(4, 1000, 60_000, () => 1)).toBe(8000);
    expect(retryDelay(20, 1000, 60_000, () => 1)).toBe(60_000);
    expect(retryDelay(20, 1000, 60_000, () => 0)).toBe(30_000);
  });
});
