import { createHmac } from 'node:crypto';
import type { Visitor } from '../../src/protocol/visitor';
import type { Repositories } from '../repositories';
import { siteErasureKey } from './subject-keys';

/** Erasure entries read per call: a site's list grows by one per erasure, so this is years of them. */
const MAX_ENTRIES = 100_000;

/**
 * For ingest (issue #10): a record a kiosk sends after an erasure, made before it, must be stored anonymised —
 * the kiosk may have been offline when the erasure list went out. Returns null when the site has no erasures
 * (the common case: nothing to check), else a predicate over a record's visitor keys and corrected time.
 * Same hash as the kiosk's (`erasureHash` in src/protocol/erasures.ts), computed synchronously for whole batches.
 */
export async function erasureMatcher(repos: Repositories, siteId: string): Promise<((visitor: Visitor, correctedTime: number) => boolean) | null> {
  const entries = await repos.erasures.since(siteId, 0, MAX_ENTRIES);
  if (entries.length === 0) return null;
  const erasedAt = new Map<string, number>();
  for (const e of entries) erasedAt.set(e.hash, Math.max(e.erasedAt, erasedAt.get(e.hash) ?? 0));
  const key = Buffer.from(await siteErasureKey(repos, siteId), 'base64url');
  const hash = (value: string) => createHmac('sha256', key).update(value).digest('hex');
  return (visitor, correctedTime) =>
    [visitor.subject, visitor.idNumber, visitor.phone].some((v) => v !== undefined && correctedTime <= (erasedAt.get(hash(v)) ?? -Infinity));
}
