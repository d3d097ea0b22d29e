import type { FastifyInstance } from 'fastify';
import { checkInSchema, pushRequestSchema, type PushResponse, type RecordResult } from '../../../src/protocol';
import type { CheckinTable } from '../../db/schema';
import { describeIssues, parseOr400 } from '../../lib/parse';
import { batchClock, toCheckinRow } from './to-row';
import { sendJson } from '../../lib/send-json';

/** The record's id if it has a usable one, so a rejection can still be matched by the kiosk. */
function idOf(record: unknown): string | null {
  if (typeof record !== 'object' || record === null || !('id' in record)) return null;
  return typeof record.id === 'string' ? record.id.slice(0, 64) : null;
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
      if (!firstIndexOf.has(id)) {
        firstIndexOf.set(id, index);
        rows.push(toCheckinRow(parsed.data, { deviceId: device.id, siteId: site.id, policy: site.policy, clock }));
      }
      results.push({ id, index, status: 'duplicate' });
    });

    const inserted = await app.repos.checkins.insertBatch(rows);
    for (const result of results) {
      if (result.status === 'rejected') continue;
      if (inserted.has(result.id!) && firstIndexOf.get(result.id!) === result.index) result.status = 'accepted';
      delete result.id; // the index identifies it; ids are only echoed for rejections
    }

    const stored = results.filter((r) => r.status !== 'rejected').length;
    await app.repos.devices.recordSync(device.id, {
      at: receivedAt,
      pending: batch.pending === undefined ? null : Math.max(0, batch.pending - stored),
      appVersion: batch.appVersion ?? null,
    });
    return sendJson(request, reply, { serverTime: Date.now(), results } satisfies PushResponse);
  });
}
