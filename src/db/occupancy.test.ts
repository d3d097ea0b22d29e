import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { GatelogDb } from './gatelog-db';
import { applyOccupancy, lastPassageHere, occupancyHash } from './occupancy';
import { logCheckIn } from './outbox';
import { getSetting, setSetting } from './settings';

const KEY = 'q'.repeat(43); // a base64url 32-byte key
const T0 = Date.UTC(2026, 10, 27, 2);
const visitor = { kind: 'manual' as const, subject: '0912000111', name: 'Phạm Thị Hạnh' };

describe('occupancy on the kiosk (issue #16)', () => {
  it('keeps the latest passage per visitor, takes a correction at the same time, and ignores an older one', async () => {
    const db = new GatelogDb('occupancy-1');
    const h = await occupancyHash(KEY, visitor.subject);
    await applyOccupancy(db, { entries: [{ h, d: 'in', t: T0 }], nextSince: 10 }, T0);
    await applyOccupancy(db, { entries: [{ h, d: 'out', t: T0 - 60_000 }], nextSince: 20 }, T0);
    expect(await db.occupancy.get(h)).toEqual({ h, d: 'in', t: T0 });
    await applyOccupancy(db, { entries: [{ h, d: 'out', t: T0 }], nextSince: 30 }, T0);
    expect(await db.occupancy.get(h)).toEqual({ h, d: 'out', t: T0 });
    expect(await getSetting(db, 'occupancySince')).toBe(30);
    // Two days later the entry is gone: "inside" never reaches that far back.
    await applyOccupancy(db, { entries: [], nextSince: 40 }, T0 + 3 * 86_400_000);
    expect(await db.occupancy.count()).toBe(0);
  });

  it("answers with the later of the kiosk's own passage and the other kiosks' one, at this site only", async () => {
    const db = new GatelogDb('occupancy-2');
    await setSetting(db, 'siteId', 'site_a');
    const here = { siteId: 'site_a', subjectKey: KEY, clockOffsetMs: 0 };
    expect(await lastPassageHere(db, visitor.subject, here)).toBeUndefined();
    await logCheckIn(db, visitor, 'in', T0);
    expect(await lastPassageHere(db, visitor.subject, here)).toEqual({ direction: 'in', at: T0 });
    await applyOccupancy(db, { entries: [{ h: await occupancyHash(KEY, visitor.subject), d: 'out', t: T0 + 1000 }], nextSince: 1 }, T0);
    expect(await lastPassageHere(db, visitor.subject, here)).toEqual({ direction: 'out', at: T0 + 1000 });
    // Its own records of another site (held after a re-enrolment) say nothing about this one.
    expect(await lastPassageHere(db, visitor.subject, { siteId: 'site_b' })).toBeUndefined();
  });
});
