import 'fake-indexeddb/auto';
import Dexie from 'dexie';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { correctDirection } from './direction-correction';
import { GatelogDb } from './gatelog-db';
import { countToday, logCheckIn } from './outbox';
import { TodayTally } from './today-tally';

const HOUR = 3_600_000;
const T0 = new Date(2026, 10, 26, 6).getTime();

/** What can happen to a kiosk's outbox between two reads of the header's counters. */
type Step =
  | { kind: 'log'; visitor: number; out: boolean; refused: boolean; otherTab: boolean }
  | { kind: 'correct'; pick: number }
  | { kind: 'delete'; pick: number }
  | { kind: 'later'; hours: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('log' as const), visitor: fc.nat(5), out: fc.boolean(), refused: fc.nat(9).map((k) => k === 0), otherTab: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('correct' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('later' as const), hours: fc.integer({ min: 1, max: 20 }) }) },
);

let n = 0;

describe('TodayTally', () => {
  it('always gives what a whole read of the day gives (countToday), through check-ins from two tabs, corrections, deletions and midnight (#14)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(step, { maxLength: 40 }), fc.constantFrom(null, 17 * 60), async (steps, closing) => {
        const name = `tally-${++n}`;
        const db = new GatelogDb(name);
        const otherTab = new GatelogDb(name);
        const tally = new TodayTally(db, 3); // small pages: a whole-day read spans several
        let now = T0;
        try {
          for (const s of steps) {
            now += 60_000;
            if (s.kind === 'log') {
              await logCheckIn(s.otherTab ? otherTab : db, { kind: 'manual', subject: `V${s.visitor}`, name: 'Khách' }, s.out ? 'out' : 'in', now, undefined, s.refused ? { outcome: 'refused' } : undefined);
            } else if (s.kind === 'correct' || s.kind === 'delete') {
              const ids = await db.outbox.toCollection().primaryKeys();
              if (!ids.length) continue;
              const id = ids[s.pick % ids.length]!;
              if (s.kind === 'delete') await db.outbox.delete(id);
              else {
                const row = (await db.outbox.get(id))!;
                await correctDirection(otherTab, id, row.direction === 'in' ? 'out' : 'in');
              }
            } else now += s.hours * HOUR;
            expect(await tally.read(now, closing)).toEqual(await countToday(db, now, closing));
          }
        } finally {
          db.close();
          otherTab.close();
          await Dexie.delete(name);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('reads no more than the day and what was logged since, however long the backlog of earlier days (#14)', async () => {
    const db = new GatelogDb(`tally-${++n}`);
    let rowsRead = 0;
    // Counts every record IndexedDB hands back to a query, whatever reads it.
    db.use({
      stack: 'dbcore',
      name: 'count-rows-read',
      create: (down) => ({
        ...down,
        table: (name) => {
          const table = down.table(name);
          return { ...table, query: async (req) => { const res = await table.query(req); if (name === 'outbox') rowsRead += res.result.length; return res; } };
        },
      }),
    });
    for (let i = 0; i < 200; i++) await logCheckIn(db, { kind: 'manual', subject: `B${i}`, name: 'Khách' }, 'in', T0 - 5 * 24 * HOUR + i * 1000);
    const tally = new TodayTally(db);
    expect(await tally.read(T0)).toEqual({ in: 0, out: 0, inside: 0 });
    expect(await tally.read(T0)).toEqual({ in: 0, out: 0, inside: 0 });
    await logCheckIn(db, { kind: 'manual', subject: 'V1', name: 'Khách' }, 'in', T0 + 1000);
    expect(await tally.read(T0 + 2000)).toEqual({ in: 1, out: 0, inside: 1 });
    expect(rowsRead).toBeLessThanOrEqual(1);
    db.close();
  });

  it('after the first read, reads only the records logged since, not the whole day again (#14)', async () => {
    const db = new GatelogDb(`tally-${++n}`);
    const tally = new TodayTally(db, 400);
    for (let i = 0; i < 30; i++) await logCheckIn(db, { kind: 'manual', subject: `V${i}`, name: 'Khách' }, 'in', T0 + i * 1000);
    expect(await tally.read(T0 + HOUR)).toEqual({ in: 30, out: 0, inside: 30 });
    const wholeDay = vi.spyOn(db.outbox, 'where');
    await logCheckIn(db, { kind: 'manual', subject: 'V0', name: 'Khách' }, 'out', T0 + HOUR);
    expect(await tally.read(T0 + HOUR)).toEqual({ in: 30, out: 1, inside: 29 });
    // the new records by seq, and a count of the day: no read of the day's records
    expect(wholeDay.mock.calls.map((c) => c[0])).toEqual(['seq', 'deviceTime']);
    // a deleted record: the count no longer matches, the day is read again
    wholeDay.mockClear();
    await db.outbox.delete((await db.outbox.orderBy('seq').first())!.id);
    expect(await tally.read(T0 + HOUR)).toEqual({ in: 29, out: 1, inside: 29 }); // V0's IN went: only their OUT is left
    expect(wholeDay.mock.calls.map((c) => c[0])).toEqual(['seq', 'deviceTime', 'deviceTime']);
    db.close();
  });
});
