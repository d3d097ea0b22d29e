import type { CheckIn } from '../protocol/checkin';
import { errorBodySchema, pushResponseSchema, type PushResponse } from '../protocol/sync-answers';
import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS, PUSH_PATH } from '../protocol/sync-limits';
import type { GatelogDb, OutboxRow } from '../db/gatelog-db';
import { countPending, takePending, toWire } from '../db/outbox';
import { getSetting, setSetting } from '../db/settings';
import { gzip } from './compress';
import { withSyncLock } from './sync-lock';
import { pullSiteConfig } from './site-config-pull';

export type SyncOutcome =
  | { kind: 'done'; accepted: number; duplicates: number; rejected: number }
  /** Network error, timeout or 5xx: nothing was lost, try again later. */
  | { kind: 'retry'; error: string; accepted: number; duplicates: number; rejected: number }
  | { kind: 'revoked' }
  | { kind: 'notEnrolled' }
  | { kind: 'busy' };

export interface SyncProgress {
  done: number;
  total: number;
}

export interface PushOptions {
  fetch?: typeof fetch;
  /** Origin of the server; '' means the page's own origin. */
  baseUrl?: string;
  appVersion?: string;
  /** Stop starting new batches after this time (epoch ms): a Background Sync event has ~3 minutes. */
  deadline?: number;
  timeoutMs?: number;
  onProgress?(p: SyncProgress): void;
}

import { SYNC_CHANNEL } from './sync-channel';
export { SYNC_CHANNEL };

/** Takes the largest prefix of `rows` whose JSON fits the byte bound (always at least one record). */
export function boundBatch(rows: OutboxRow[], maxBytes = MAX_BATCH_BYTES): CheckIn[] {
  const out: CheckIn[] = [];
  let bytes = 64;
  for (const row of rows) {
    const wire = toWire(row);
    bytes += new TextEncoder().encode(JSON.stringify(wire)).length + 1;
    if (out.length > 0 && bytes > maxBytes) break;
    out.push(wire);
  }
  return out;
}

class RetryableError extends Error {}
class BatchRefused extends Error {}
class Revoked extends Error {}

/**
 * Pushes the outbox to the server in small bounded batches until it is empty, under the sync lock.
 * Each answer is applied in one transaction; a record the server rejects is set aside with its reason
 * and never blocks the rest; a failure leaves every unacknowledged record pending for the next run.
 */
export async function pushOutbox(db: GatelogDb, opts: PushOptions = {}): Promise<SyncOutcome> {
  const result = await withSyncLock(() => drain(db, opts));
  return result === 'busy' ? { kind: 'busy' } : result;
}

async function drain(db: GatelogDb, opts: PushOptions): Promise<SyncOutcome> {
  const token = await getSetting(db, 'deviceToken');
  if (!token) return { kind: 'notEnrolled' };
  if (await getSetting(db, 'revoked')) return { kind: 'revoked' };
  const tally = { accepted: 0, duplicates: 0, rejected: 0 };
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(SYNC_CHANNEL) : undefined;
  const total = await countPending(db);
  const progress = (done: number) => {
    opts.onProgress?.({ done, total });
    channel?.postMessage({ type: 'progress', done, total });
  };
  try {
    progress(0);
    for (;;) {
      if (opts.deadline && Date.now() > opts.deadline) return { kind: 'retry', error: 'deadline', ...tally };
      const rows = await takePending(db, MAX_BATCH_RECORDS);
      if (rows.length === 0) break;
      await pushBatch(db, token, boundBatch(rows), await countPending(db), opts, tally);
      progress(tally.accepted + tally.duplicates + tally.rejected);
    }
    await setSetting(db, 'lastSyncAt', Date.now());
    // Policy, pass keys and roster come down after the log went up (still under the lock).
    await pullSiteConfig(db, token, { fetch: opts.fetch, baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs });
    channel?.postMessage({ type: 'synced', at: Date.now() });
    return { kind: 'done', ...tally };
  } catch (e) {
    if (e instanceof Revoked) {
      await setSetting(db, 'revoked', true);
      channel?.postMessage({ type: 'revoked' });
      return { kind: 'revoked' };
    }
    return { kind: 'retry', error: (e as Error).message, ...tally };
  } finally {
    channel?.close();
  }
}

/**
 * Sends one batch. When the server refuses the whole batch (a 4xx other than auth), the batch is
 * split in halves until the refused record stands alone and is set aside — the rest still goes in.
 */
async function pushBatch(
  db: GatelogDb,
  token: string,
  records: CheckIn[],
  pending: number,
  opts: PushOptions,
  tally: { accepted: number; duplicates: number; rejected: number },
): Promise<void> {
  try {
    const response = await send(token, records, pending, opts);
    await applyResponse(db, records, response, tally);
  } catch (e) {
    if (!(e instanceof BatchRefused)) throw e;
    if (records.length === 1) {
      await db.outbox.update(records[0]!.id, { syncState: 'rejected', rejectReason: e.message });
      tally.rejected++;
      return;
    }
    const half = Math.ceil(records.length / 2);
    await pushBatch(db, token, records.slice(0, half), pending, opts, tally);
    await pushBatch(db, token, records.slice(half), pending, opts, tally);
  }
}

async function send(token: string, records: CheckIn[], pending: number, opts: PushOptions): Promise<PushResponse> {
  const body = JSON.stringify({ sentAt: Date.now(), pending, appVersion: opts.appVersion, records });
  const compressed = await gzip(body);
  const headers: Record<string, string> = { 'content-type': 'application/json', authorization: `Bearer ${token}` };
  if (compressed) headers['content-encoding'] = 'gzip';
  let res: Response;
  try {
    res = await (opts.fetch ?? fetch)(`${opts.baseUrl ?? ''}${PUSH_PATH}`, {
      method: 'POST',
      headers,
      body: compressed ?? body,
      signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      cache: 'no-store',
    });
  } catch (e) {
    throw new RetryableError(`network: ${(e as Error).name}`);
  }
  if (res.status >= 500 || res.status === 408 || res.status === 429) throw new RetryableError(`HTTP ${res.status}`);
  const json: unknown = await res.json().catch(() => null);
  if (res.status === 401 || res.status === 403) {
    const err = errorBodySchema.safeParse(json);
    if (err.success && err.data.code === 'revoked') throw new Revoked();
    throw new RetryableError(`HTTP ${res.status}`); // a token problem an admin must fix; keep everything
  }
  if (!res.ok) {
    const err = errorBodySchema.safeParse(json);
    throw new BatchRefused(err.success ? err.data.message : `HTTP ${res.status}`);
  }
  const parsed = pushResponseSchema.safeParse(json);
  if (!parsed.success) throw new RetryableError('malformed server answer');
  return parsed.data;
}

/** Applies one answer in one transaction; the clock offset is kept for display and diagnostics. */
async function applyResponse(
  db: GatelogDb,
  records: CheckIn[],
  response: PushResponse,
  tally: { accepted: number; duplicates: number; rejected: number },
): Promise<void> {
  const changes: { key: string; changes: Partial<OutboxRow> }[] = [];
  for (const r of response.results) {
    const record = records[r.index];
    if (!record || (r.id != null && r.id !== record.id)) continue; // an answer we cannot match stays pending
    if (r.status === 'rejected') {
      changes.push({ key: record.id, changes: { syncState: 'rejected', rejectReason: r.reason ?? 'rejected' } });
      tally.rejected++;
    } else {
      changes.push({ key: record.id, changes: { syncState: 'synced', syncedAt: response.serverTime } });
      if (r.status === 'accepted') tally.accepted++;
      else tally.duplicates++;
    }
  }
  await db.transaction('rw', db.outbox, db.settings, async () => {
    await db.outbox.bulkUpdate(changes);
    await setSetting(db, 'clockOffsetMs', response.serverTime - Date.now());
  });
}
