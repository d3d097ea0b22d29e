import type { RosterPage } from '../protocol/roster';
import type { GatelogDb, RosterRow } from './gatelog-db';
import { setSetting } from './settings';

/** Applies one page of roster changes and advances the cursor in the same transaction (a cut-off pull resumes). */
export async function applyRosterPage(db: GatelogDb, page: RosterPage): Promise<void> {
  await db.transaction('rw', db.roster, db.settings, async () => {
    const live = page.entries.filter((e) => !e.deleted).map(({ deleted: _deleted, ...row }) => row);
    const gone = page.entries.filter((e) => e.deleted).map((e) => e.code);
    await db.roster.bulkPut(live);
    await db.roster.bulkDelete(gone);
    await setSetting(db, 'rosterSince', page.nextSince);
  });
}

/** The roster entry for a badge code, if the site has one. */
export function findOnRoster(db: GatelogDb, code: string): Promise<RosterRow | undefined> {
  return db.roster.get(code);
}

/** Whether this site has a roster at all (then an unknown badge is flagged, not just logged). */
export async function hasRoster(db: GatelogDb): Promise<boolean> {
  return (await db.roster.limit(1).count()) > 0;
}
