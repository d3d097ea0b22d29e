import type { Direction } from '../protocol/checkin-direction';
import type { GatelogDb, OutboxRow } from './gatelog-db';
import { getSetting, setSetting } from './settings';

/**
 * Corrects the direction of a logged record (issue #16: "Đổi thành VÀO/RA" on the banner), in one transaction.
 * The record is edited in place and its `directionRevision` goes up. One the server already has (synced) goes back
 * to pending, so the push engine sends it again and the server applies the higher revision once (sync route). One
 * still queued — possibly in a batch on its way — keeps its place: the engine marks it synced only if the revision
 * it sent is still the row's (push-engine `applyResponse`), else it goes again. Returns the row as now stored.
 */
export async function correctDirection(db: GatelogDb, id: string, direction: Direction): Promise<OutboxRow | undefined> {
  return db.transaction('rw', db.outbox, db.settings, async () => {
    const row = await db.outbox.get(id);
    if (!row || row.direction === direction) return row;
    // The header's day counters re-read the day (src/db/today-tally.ts): they otherwise read only what is new.
    await setSetting(db, 'directionCorrections', ((await getSetting(db, 'directionCorrections')) ?? 0) + 1);
    const changes: Partial<OutboxRow> = {
      direction,
      directionRevision: (row.directionRevision ?? 0) + 1,
      ...(row.syncState === 'synced' ? { syncState: 'pending' as const } : {}),
    };
    await db.outbox.update(id, changes);
    return { ...row, ...changes };
  });
}
