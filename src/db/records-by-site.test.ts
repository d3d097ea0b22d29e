import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { GatelogDb, type OutboxRow } from './gatelog-db';
import { freeConfirmed } from './free-space';
import { countHeld, settleRecordsForSite } from './records-by-site';

const row = (seq: number, over: Partial<OutboxRow>): OutboxRow => ({
  id: `01900000-0000-7000-8000-${String(seq).padStart(12, '0')}`,
  seq,
  direction: 'in',
  deviceTime: Date.now() - seq * 1000,
  visitor: { kind: 'manual', subject: `s${seq}`, name: 'Khách', phone: '0912345678' },
  syncState: 'pending',
  ...over,
});

describe('records belong to the site they were logged at (issue #12)', () => {
  it('holds unsent records of another site, releases held ones of this site, adopts unlabelled ones', async () => {
    const db = new GatelogDb('by-site-1');
    await db.outbox.bulkAdd([row(1, { siteId: 'A' }), row(2, { siteId: 'B', syncState: 'held' }), row(3, {}), row(4, { siteId: 'A', syncState: 'synced' })]);
    await settleRecordsForSite(db, 'B');
    const byId = Object.fromEntries((await db.outbox.toArray()).map((r) => [r.seq, [r.syncState, r.siteId]]));
    expect(byId).toEqual({ 1: ['held', 'A'], 2: ['pending', 'B'], 3: ['pending', 'B'], 4: ['synced', 'A'] });
    expect(await countHeld(db, 100)).toBe(1);
  });
});

describe('freeConfirmed', () => {
  it('deletes confirmed records only, those before today first, oldest first', async () => {
    const db = new GatelogDb('free-1');
    const now = Date.now();
    const day = 86_400_000;
    await db.outbox.bulkAdd([
      row(1, { syncState: 'synced', deviceTime: now - 3 * day }),
      row(2, { syncState: 'synced', deviceTime: now - 2 * day }),
      row(3, { syncState: 'pending', deviceTime: now - 4 * day }),
      row(4, { syncState: 'synced', deviceTime: now }),
    ]);
    expect(await freeConfirmed(db, now, 1)).toBe(1);
    expect((await db.outbox.toArray()).map((r) => r.seq).sort()).toEqual([2, 3, 4]);
    expect(await freeConfirmed(db, now)).toBe(1); // the rest from before today
    expect(await freeConfirmed(db, now)).toBe(1); // then today's
    expect(await freeConfirmed(db, now)).toBe(0); // never the unsent one
    expect((await db.outbox.toArray()).map((r) => r.seq)).toEqual([3]);
  });
});
