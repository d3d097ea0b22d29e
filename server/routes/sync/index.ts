import type { FastifyInstance } from 'fastify';
import { checkInSchema, pushRequestSchema, type Direction, type PushResponse, type RecordResult } from '../../../src/protocol';
import type { CheckinTable } from '../../db/schema';
import type { Device } from '../../repositories/devices';
import { describeIssues, parseOr400 } from '../../lib/parse';
import { batchClock, toCheckinRow } from './to-row';
import { sendJson } from '../../lib/send-json';
import { unstorableReason } from './storable';
import { PURGED_SUBJECT } from '../../../src/protocol/subjects';
import { erasureMatcher } from '../../subjects/erasure-matcher';
import type { InsertedHook } from '../../repositories/checkins';
import { gateEvents } from '../../webhooks/gate-events';
import { enqueueWebhookEvents } from '../../webhooks/enqueue-events';
import { onWatchlistEvents, type WatchlistEvent } from '../../watchlist/on-watchlist-events';

/** The newly stored records that a watchlist match made a refused attempt or an alert (issue #16). */
const watchlistEventsOf = (rows: readonly CheckinTable[]): WatchlistEvent[] =>
  rows
    .filter((r) => r.outcome === 'refused' || r.outcome === 'alert')
    .map((r) => ({ checkinId: r.id, siteId: r.site_id, deviceId: r.device_id, outcome: r.outcome as WatchlistEvent['outcome'], watchlistId: r.watchlist_id ?? null, at: r.corrected_time }));

/** The record's id if it has a usable one, so a rejection can still be matched by the kiosk. */
function idOf(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || !('id' in record)) return null;
  return typeof record.id === 'string' ? record.id.slice(0, 64) : null;
}

/** How stale a kiosk's "last sync" may be shown: a draining kiosk pushes many batches a second. */
const LAST_SYNC_PRECISION_MS = 10_000;

/**
 * Whether this batch's report changes what admins see enough to cost a write (one more fsync per batch on
 * SQLite): a 10-s-old last sync, a drained queue, a new app version or a first report do; the rest do not.
 */
function worthRecording(device: Device, report: { at: number; pending: number | null; appVersion: string | null }): boolean {
  if (device.lastSyncAt === null || report.at - device.lastSyncAt >= LAST_SYNC_PRECISION_MS) return true;
  if (report.appVersion !== null && report.appVersion !== device.appVersion) return true;
  return report.pending !== device.pendingReported && (report.pending === 0 || device.pendingReported === null);
}

/**
 * Inserts the batch in one transaction; if the database refuses it, inserts each row alone so one record it
 * cannot store is rejected by itself and never fails the batch (a 5xx is retried by the kiosk forever).
 */
async function insertEachStorable(app: FastifyInstance, rows: readonly CheckinTable[], onInserted: InsertedHook): Promise<{ inserted: Set<string>; failed: Set<string> }> {
  try {
    return { inserted: await app.repos.checkins.insertBatch(rows, onInserted), failed: new Set() };
  } catch (err) {
    app.log.warn({ code: (err as { code?: string }).code ?? null, records: rows.length }, 'batch insert failed; inserting records one by one');
  }
  const inserted = new Set<string>();
  const failed = new Set<string>();
  for (const row of rows) {
    try {
      for (const id of await app.repos.checkins.insertBatch([row], onInserted)) inserted.add(id);
    } catch (err) {
      // The error's text may quote the record's values: log its code only.
      app.log.warn({ code: (err as { code?: string }).code ?? null }, 'record refused by the database');
      failed.add(row.id);
    }
  }
  return { inserted, failed };
}

/**
 * POST /api/v1/sync/checkins (PUSH_PATH), Bearer device token, JSON body optionally gzip-encoded.
 * Each record is validated alone; the valid ones go in with one idempotent transaction.
 */
export async function syncRoutes(app: FastifyInstance): Promise<void> {
  app.post('/sync/checkins', { preHandler: app.requireDevice }, async (request, reply) => {
    const receivedAt = Date.now();
    const device = request.device!;
    const batch = parseOr400(pushRequestSchema, request.body, 'bad_batch');
    const site = await app.repos.sites.get(device.siteId);
    if (!site) throw new Error(`device ${device.id} has no site`);
    const clock = batchClock(receivedAt, batch.sentAt);
    // A record of an erased person made before the erasure, from a kiosk that had not heard of it yet (#10):
    // stored as anonymised rows are, so it still counts as a scan but names nobody.
    const erased = await erasureMatcher(app.repos, site.id);

    const results: RecordResult[] = [];
    const rows: CheckinTable[] = [];
    const firstIndexOf = new Map<string, number>();
    batch.records.forEach((raw, index) => {
      const parsed = checkInSchema.safeParse(raw);
      if (!parsed.success) {
        results.push({ id: idOf(raw), index, status: 'rejected', reason: describeIssues(parsed.error) });
        return;
      }
      const id = parsed.data.id;
      let row = toCheckinRow(parsed.data, { deviceId: device.id, siteId: site.id, policy: site.policy, clock });
      if (erased?.(parsed.data.visitor, row.corrected_time)) {
        row = { ...row, subject: PURGED_SUBJECT, name: null, visitor: JSON.stringify({ kind: row.kind, subject: PURGED_SUBJECT }) };
      }
      const unstorable = unstorableReason(row);
      if (unstorable) {
        results.push({ id, index, status: 'rejected', reason: unstorable });
        return;
      }
      if (!firstIndexOf.has(id)) {
        firstIndexOf.set(id, index);
        rows.push(row);
      }
      results.push({ id, index, status: 'duplicate' });
    });

    // New check-ins go into the webhook outbox in their own transaction: one INSERT, sent later by the worker.
    const { inserted, failed } = await insertEachStorable(app, rows, (trx, fresh) => enqueueWebhookEvents(trx, site.orgId, gateEvents(fresh)));
    // An id already stored by ANOTHER kiosk is not this record: answering `duplicate` would make the kiosk
    // delete a record the server never stored (issue #10). Answer `rejected` so the kiosk keeps it.
    const notNew = rows.filter((r) => !inserted.has(r.id) && !failed.has(r.id)).map((r) => r.id);
    const ownerOf = await app.repos.checkins.devicesOf(notNew);
    // A record this kiosk sent before, sent again with a corrected direction (issue #16): applied once, in order.
    const corrected = await app.repos.checkins.correctDirections(
      rows
        .filter((r) => (r.direction_revision ?? 0) > 0 && ownerOf.get(r.id) === device.id)
        .map((r) => ({ id: r.id, deviceId: device.id, direction: r.direction as Direction, revision: r.direction_revision! })),
    );
    for (const result of results) {
      if (result.status === 'rejected') continue;
      const id = result.id!;
      if (failed.has(id)) {
        result.status = 'rejected';
        result.reason = 'unstorable';
        continue;
      }
      const owner = ownerOf.get(id);
      if (owner !== undefined && owner !== device.id) {
        result.status = 'rejected';
        result.reason = 'id_taken';
        continue;
      }
      if ((inserted.has(id) || corrected.has(id)) && firstIndexOf.get(id) === result.index) result.status = 'accepted';
      delete result.id; // the index identifies it; ids are only echoed for rejections
    }

    app.metrics.observeSyncBatch(results, rows.filter((row) => inserted.has(row.id)));
    await onWatchlistEvents(app, watchlistEventsOf(rows.filter((row) => inserted.has(row.id))));
    const stored = results.filter((r) => r.status !== 'rejected').length;
    const report = { at: receivedAt, pending: batch.pending === undefined ? null : Math.max(0, batch.pending - stored), appVersion: batch.appVersion ?? null };
    if (worthRecording(device, report)) await app.repos.devices.recordSync(device.id, report);
    return sendJson(request, reply, { serverTime: Date.now(), results } satisfies PushResponse);
  });
}
