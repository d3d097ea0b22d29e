import type { GatelogDb, OutboxRow } from './gatelog-db';
import { countUpTo } from './outbox';

const inState = (db: GatelogDb, state: OutboxRow['syncState']) => db.outbox.where('[syncState+seq]').between([state, -Infinity], [state, Infinity]);

/**
 * Makes the outbox agree with an enrolment at `siteId` (issue #12): unsent records of another site are
 * held (kept on the tablet, never sent under this site), held records of this site go back to the queue,
 * and records logged before any enrolment join it. Run in the enrolment's transaction.
 */
export async function settleRecordsForSite(db: GatelogDb, siteId: string): Promise<void> {
  await inState(db, 'pending').modify((r) => {
    if (r.siteId === undefined) r.siteId = siteId;
    else if (r.siteId !== siteId) r.syncState = 'held';
  });
  await inState(db, 'held').modify((r) => {
    if (r.siteId === siteId) r.syncState = 'pending';
  });
}

/** Records held because they belong to an earlier enrolment's site, counted up to `upTo`. */
export function countHeld(db: GatelogDb, upTo: number): Promise<number> {
  return countUpTo(inState(db, 'held'), upTo);
}
