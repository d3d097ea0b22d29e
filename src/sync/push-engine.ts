import type { CheckIn } from '../protocol/checkin';
import { errorBodySchema, pushResponseSchema, type PushResponse } from '../protocol/sync-answers';
import { MAX_BATCH_BYTES, MAX_BATCH_RECORDS, PUSH_PATH } from '../protocol/sync-limits';
import type { GatelogDb, OutboxRow } from '../db/gatelog-db';
import { countPending, takePending, toWirePlaced } from '../db/outbox';
import { isQuotaError } from '../db/free-space';
import { readAnchors, recordAnchor } from '../db/clock-anchors';
import type { ClockAnchor } from '../domain/record-clock';
import { DEVICE_ERROR } from '../protocol/sync';
import { getSetting, setSetting } from '../db/settings';
import { gzip } from './compress';
import { withSyncLock } from './sync-lock';
import { pullSiteConfig } from './site-config-pull';

export type SyncOutcome =
  | { kind: 'done'; accepted: number; duplicates: number; rejected: number }
  /** Network error, timeout or 5xx: nothing was lost, try again later. */
  | { kind: 'retry'; error: string; accepted: number; duplicates: number; rejected: number }
  | { kind: 'revoked' }
  /** The server does not know this kiosk's token (issue #12): keep everything, ask to be enrolled again. */
  | { kind: 'deviceUnknown' }
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

/**
 * A kiosk that has not synced for this long pulls its site config (and so the erasure list) before pushing:
 * an erasure made while it was offline must reach its queue before the queue reaches the server (issue #10).
 */
export const PULL_BEFORE_PUSH_AFTER_MS = 5 * 60_000;

/** Takes the largest prefix of `rows` whose JSON fits the byte bound (always at least one record). */
export function boundBatch(rows: OutboxRow[], maxBytes = MAX_BATCH_BYTES, anchors: readonly ClockAnchor[] = []): CheckIn[] {
  const out: CheckIn[] = [];
  let bytes = 64;
  for (const row of rows) {
    const wire = toWirePlaced(row, anchors);
    bytes += new TextEncoder().encode(JSON.stringify(wire)).length + 1;
    if (out.length > 0 && bytes > maxBytes) break;
    out.push(wire);
  }
  return out;
}

class RetryableError extends Error {}
/** A 5xx answer: maybe the server is down, maybe one record breaks it (issue #10). */
class ServerFailed extends RetryableError {}
class BatchRefused extends Error {}
class Revoked extends Error {}
class DeviceUnknown extends Error {}

/**
 * 5xx answers in a row, with nothing stored in between, after which a run stops and keeps everything pending:
 * an outage, not a bad record. Bisecting a full batch down to one record takes ⌈log2 MAX_BATCH_RECORDS⌉ + 1
 * answers; twice ⌈log2⌉ (20) also gets past a few bad records side by side, and caps what an outage costs a run.
 */
export const MAX_SERVER_ERRORS_IN_A_ROW = 2 * Math.ceil(Math.log2(MAX_BATCH_RECORDS));

type Tally = { accepted: number; duplicates: number; rejected: number };

/** What one run has learnt about 5xx answers. */
interface RunState {
  tally: Tally;
  /** 5xx answers since the last stored batch, and the last one's text. */
  serverErrors: number;
  lastServerError: string;
  /**
   * Records that failed alone with a 5xx: skipped for the rest of this run. `storedSince`: the server stored
   * other records after this one failed, so it is up and the failure is the record's own.
   */
  heldBack: Map<string, { record: CheckIn; storedSince: boolean }>;
}

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
  if (await getSetting(db, 'deviceUnknown')) return { kind: 'deviceUnknown' };
  const siteId = await getSetting(db, 'siteId');
  const run: RunState = { tally: { accepted: 0, duplicates: 0, rejected: 0 }, serverErrors: 0, lastServerError: '', heldBack: new Map() };
  const { tally } = run;
  const channel = typeof BroadcastChannel !== 'undefined' ? new BroadcastChannel(SYNC_CHANNEL) : undefined;
  const total = await countPending(db);
  const progress = (done: number) => {
    opts.onProgress?.({ done, total });
    channel?.postMessage({ type: 'progress', done, total });
  };
  try {
    progress(0);
    const lastSyncAt = await getSetting(db, 'lastSyncAt');
    if (lastSyncAt === undefined || Date.now() - lastSyncAt > PULL_BEFORE_PUSH_AFTER_MS) {
      await pullSiteConfig(db, token, { fetch: opts.fetch, baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs });
    }
    for (;;) {
      if (opts.deadline && Date.now() > opts.deadline) return { kind: 'retry', error: 'deadline', ...tally };
      const taken = (await takePending(db, MAX_BATCH_RECORDS + run.heldBack.size)).filter((r) => !run.heldBack.has(r.id)).slice(0, MAX_BATCH_RECORDS);
      if (taken.length === 0) break;
      // Never send a record under another site than the one it was logged at (enrolment settles these; a race may not).
      const rows = taken.filter((r) => r.siteId === undefined || r.siteId === siteId);
      if (rows.length < taken.length) await holdOtherSites(db, taken, siteId);
      if (rows.length === 0) continue;
      await pushBatch(db, token, boundBatch(rows, undefined, await readAnchors(db)), await countPending(db), opts, run);
      progress(tally.accepted + tally.duplicates + tally.rejected);
    }
    await settleHeldBack(db, token, opts, run);
    await setSetting(db, 'lastSyncAt', Date.now());
    // Policy, pass keys and roster come down after the log went up (still under the lock).
    await pullSiteConfig(db, token, { fetch: opts.fetch, baseUrl: opts.baseUrl, timeoutMs: opts.timeoutMs });
    channel?.postMessage({ type: 'synced', at: Date.now() });
    return { kind: 'done', ...tally };
  } catch (e) {
    if (e instanceof Revoked || e instanceof DeviceUnknown) {
      const key = e instanceof Revoked ? 'revoked' : 'deviceUnknown';
      // Only about the token this run used: a re-enrolment meanwhile has a new one that the answer says nothing about.
      await db.transaction('rw', db.settings, async () => {
        if ((await getSetting(db, 'deviceToken')) === token) await setSetting(db, key, true);
      });
      if (key === 'revoked') channel?.postMessage({ type: 'revoked' });
      return { kind: key };
    }
    return { kind: 'retry', error: (e as Error).message, ...tally };
  } finally {
    // Every run ends with this, failed or not, so no screen keeps showing "syncing 0/N" (issue #12).
    channel?.postMessage({ type: 'ended' });
    channel?.close();
  }
}

async function holdOtherSites(db: GatelogDb, rows: OutboxRow[], siteId: string | undefined): Promise<void> {
  const others = rows.filter((r) => r.siteId !== undefined && r.siteId !== siteId);
  await db.outbox.bulkUpdate(others.map((r) => ({ key: r.id, changes: { syncState: 'held' as const } })));
}

/**
 * Sends one batch. When the server refuses the whole batch (a 4xx other than auth), the batch is
 * split in halves until the refused record stands alone and is set aside — the rest still goes in.
 * A 5xx is bisected the same way (issue #10), but a record failing alone is only held back for this run:
 * it may be an outage rather than the record (see `settleHeldBack` and `MAX_SERVER_ERRORS_IN_A_ROW`).
 */
async function pushBatch(db: GatelogDb, token: string, records: CheckIn[], pending: number, opts: PushOptions, run: RunState): Promise<void> {
  try {
    const response = await send(token, records, pending, opts);
    if ((await applyResponse(db, records, response, run.tally)) === 0 && records.length > 0) {
      // An answer about none of these records (a cache or proxy replaying another one): they stay pending and are
      // sent again, but such answers count like server errors, so a run can never loop on them forever.
      run.lastServerError = 'the answer named none of the records sent';
      if (++run.serverErrors >= MAX_SERVER_ERRORS_IN_A_ROW) throw new Error(run.lastServerError);
      return;
    }
    run.serverErrors = 0;
    for (const held of run.heldBack.values()) held.storedSince = true;
  } catch (e) {
    if (e instanceof ServerFailed) {
      run.lastServerError = e.message;
      if (++run.serverErrors >= MAX_SERVER_ERRORS_IN_A_ROW) throw e; // an outage: stop, keep everything pending
      if (records.length === 1) {
        run.heldBack.set(records[0]!.id, { record: records[0]!, storedSince: false });
        return;
      }
    } else if (!(e instanceof BatchRefused)) {
      throw e;
    } else if (records.length === 1) {
      await db.outbox.update(records[0]!.id, { syncState: 'rejected', rejectReason: e.message });
      run.tally.rejected++;
      return;
    }
    const half = Math.ceil(records.length / 2);
    await pushBatch(db, token, records.slice(0, half), pending, opts, run);
    await pushBatch(db, token, records.slice(half), pending, opts, run);
  }
}

/**
 * At the end of a run, the records held back after failing alone with a 5xx. One after which the server stored
 * nothing may have met an outage: it stays pending and the run ends in a retry. One after which the server
 * stored other records is sent alone once more, and if it fails again it is set aside like a refused record —
 * kept on the tablet and shown, never deleted — so it can never stop newer records again.
 */
async function settleHeldBack(db: GatelogDb, token: string, opts: PushOptions, run: RunState): Promise<void> {
  let stillPending = 0;
  for (const { record, storedSince } of run.heldBack.values()) {
    if (!storedSince) {
      stillPending++;
      continue;
    }
    try {
      await applyResponse(db, [record], await send(token, [record], await countPending(db), opts), run.tally);
    } catch (e) {
      if (!(e instanceof ServerFailed)) throw e;
      await db.outbox.update(record.id, { syncState: 'rejected', rejectReason: `server error (${e.message}) twice on this record alone` });
      run.tally.rejected++;
    }
  }
  if (stillPending > 0) throw new RetryableError(run.lastServerError);
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
  if (res.status >= 500) throw new ServerFailed(`HTTP ${res.status}`);
  if (res.status === 408 || res.status === 429) throw new RetryableError(`HTTP ${res.status}`);
  const json: unknown = await res.json().catch(() => null);
  if (res.status === 401 || res.status === 403) {
    const err = errorBodySchema.safeParse(json);
    if (err.success && err.data.code === DEVICE_ERROR.revoked) throw new Revoked();
    if (err.success && err.data.code === DEVICE_ERROR.unknown) throw new DeviceUnknown();
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
/** Records the answer in the outbox; returns how many of its results matched a record sent. */
async function applyResponse(db: GatelogDb, records: CheckIn[], response: PushResponse, tally: Tally): Promise<number> {
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
  const perf = performance.now();
  try {
    await db.transaction('rw', db.outbox, db.settings, async () => {
      // A record corrected while this batch was on its way (issue #16) is not what the server got: it stays pending.
      const now = await db.outbox.bulkGet(changes.map((c) => c.key));
      const sent = new Map(records.map((r) => [r.id, r.directionRevision ?? 0]));
      await db.outbox.bulkUpdate(changes.filter((c, i) => (now[i]?.directionRevision ?? 0) === sent.get(c.key)));
      await setSetting(db, 'clockOffsetMs', response.serverTime - Date.now());
      await recordAnchor(db, response.serverTime, perf);
    });
  } catch (e) {
    if (!isQuotaError(e)) throw e;
    // Storage full (issue #12): marking a record synced grows it; deleting what the server confirmed frees room.
    const confirmed = changes.filter((c) => c.changes.syncState === 'synced').map((c) => c.key);
    await db.outbox.bulkDelete(confirmed);
    if (confirmed.length < changes.length) throw e; // a refusal could not be recorded: end this run, retry later
  }
  return changes.length;
}
