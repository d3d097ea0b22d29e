import type { Repositories } from '../repositories';

const DAY_MS = 86_400_000;

export interface PurgeResult {
  /** Check-ins anonymised because they were older than their site keeps them. */
  anonymised: number;
  /** Issued-pass records whose personal fields were dropped for the same reason. */
  passes: number;
}

/**
 * The server's side of each site's data policy (issue #6): check-ins older than the site's retentionDays are
 * anonymised (kept for scan counts, without name, fields or key), and so are records of passes issued then.
 * Idempotent; `now` is a parameter so tests control the clock.
 */
export async function purgeExpired(repos: Repositories, now = Date.now()): Promise<PurgeResult> {
  const result: PurgeResult = { anonymised: 0, passes: 0 };
  for (const site of await repos.sites.listAll()) {
    const cutoff = now - site.policy.retentionDays * DAY_MS;
    result.anonymised += await repos.checkins.anonymiseBefore(site.id, cutoff);
    result.passes += await repos.issuedPasses.anonymiseIssuedBefore(site.id, cutoff);
  }
  return result;
}
