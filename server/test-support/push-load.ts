import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CheckIn, PushResponse } from '../../src/protocol';
import { PUSH_PATH } from '../../src/protocol/sync';
import { connectDatabase } from '../db/connect';
import { migrateToLatest } from '../db/migrate';
import { issueDevice } from '../enrolment/issue-code';
import { newToken, sha256 } from '../lib/secrets';
import { createRepositories } from '../repositories';
import { checkIn, seedSite } from './fixtures';

/** One batch a simulated kiosk sent: its records and, once the server answered 200, when. */
export interface SentBatch {
  ids: string[];
  sentAt: number;
  /** performance.now() when the 200 arrived; null if the batch was never acknowledged (error, 5xx, cut). */
  ackedAt: number | null;
  /** The HTTP status of the answer, or 'network' when the connection failed or was cut. */
  outcome?: number | 'network';
}

/** Creates a migrated SQLite database in `dataDir` with one site and `count` enrolled kiosks; returns their tokens. */
export async function seedKioskFleet(dataDir: string, count: number): Promise<{ siteId: string; orgId: string; tokens: string[] }> {
  const db = connectDatabase({ engine: 'sqlite', file: path.join(dataDir, 'gatelog.sqlite') });
  try {
    await migrateToLatest(db);
    const repos = createRepositories(db, { timeZone: 'Asia/Ho_Chi_Minh' });
    const { org, site } = await seedSite(repos, { siteName: 'Load gate' });
    const tokens: string[] = [];
    for (let i = 0; i < count; i++) {
      const issued = await issueDevice(repos, { siteId: site.id, baseUrl: 'http://kiosk.test' });
      const token = newToken();
      const outcome = await repos.devices.enrol(sha256(issued.code), sha256(token), null);
      if (!outcome.ok) throw new Error(`enrol failed: ${outcome.reason}`);
      tokens.push(token);
    }
    return { siteId: site.id, orgId: org.id, tokens };
  } finally {
    await db.destroy();
  }
}

let visitorCounter = 0;

/**
 * `size` fresh records, as a kiosk makes them, each of another visitor: a gate sees many people, and one subject
 * scanned thousands of times a day would make the read side re-pair one ever longer day (not a real load).
 */
export function freshRecords(size: number, seq0 = 1): CheckIn[] {
  const now = Date.now();
  return Array.from({ length: size }, (_, i) => {
    const subject = `0${String(process.pid % 1000).padStart(3, '0')}${String(++visitorCounter).padStart(8, '0')}`;
    return checkIn({ seq: seq0 + i, deviceTime: now - 1000 + (i % 1000), direction: i % 2 ? 'out' : 'in', visitor: { subject, idNumber: subject } });
  });
}

/**
 * A kiosk pushing `total` records (Infinity: until `shouldStop()`) in batches of `batchSize` to a real server, one batch in flight, as the push
 * engine does; a batch that is not answered 200 is sent again (same ids), until `shouldStop()`.
 */
export async function pushLoop(
  url: string,
  token: string,
  opts: { total: number; batchSize: number; log: SentBatch[]; shouldStop?: () => boolean },
): Promise<void> {
  let seq = 1;
  while (seq <= opts.total && !opts.shouldStop?.()) {
    const records = freshRecords(Math.min(opts.batchSize, opts.total - seq + 1), seq);
    for (;;) {
      const batch: SentBatch = { ids: records.map((r) => r.id), sentAt: performance.now(), ackedAt: null };
      opts.log.push(batch);
      try {
        const res = await fetch(`${url}${PUSH_PATH}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-encoding': 'gzip' },
          body: gzipSync(JSON.stringify({ sentAt: Date.now(), ...(Number.isFinite(opts.total) ? { pending: opts.total - seq + 1 } : {}), records })),
        });
        batch.outcome = res.status;
        if (res.ok) {
          const body = (await res.json()) as PushResponse;
          if (body.results.some((r) => r.status === 'rejected')) throw new Error(`server rejected a record: ${JSON.stringify(body.results[0])}`);
          batch.ackedAt = performance.now();
          break;
        }
        await res.arrayBuffer();
      } catch (err) {
        if (err instanceof Error && err.message.startsWith('server rejected')) throw err;
        batch.outcome ??= 'network';
        /* network error: retry below, as the kiosk's backoff would */
      }
      if (opts.shouldStop?.()) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    seq += records.length;
  }
}
