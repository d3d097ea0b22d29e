import Dexie from 'dexie';
import { getDb } from '../db/gatelog-db';
import { TodayTally } from '../db/today-tally';
import type { SessionTime } from '../db/clock-anchors';
import type { Visitor } from '../protocol/visitor';
import { CheckInDesk, type DeskSettings, type Outcome } from './check-in-desk';
import { readKioskScreen, type KioskScreen } from './kiosk-screen';

/**
 * The kiosk's database work, run in the desk worker (src/kiosk/worker/desk-worker.ts), off the page's main thread
 * (issue #14): check-ins (watchlist, direction, the write, the returning-guest read) and the screen's reads. On a
 * slow tablet each IndexedDB result is a task on the thread that asked; in the page those tasks, Dexie's promise
 * machinery included, were the long tasks of a scan burst. Where no worker starts, the page runs the same API.
 */
export function createDeskApi() {
  const db = getDb();
  const tally = new TodayTally(db);
  let settings: DeskSettings = { direction: 'in' };
  // The page's session and how far its clock's origin is behind this context's: records are placed by the page's
  // clock, which the page's sync anchors to the server (src/domain/record-clock.ts).
  let page = { session: '', originDelta: 0 };
  const pageClock = (): SessionTime => ({ session: page.session, perf: performance.now() + page.originDelta });
  const desk = new CheckInDesk(db, () => settings, pageClock);
  return {
    /** First call: the page's session id and its `performance.timeOrigin`. */
    init(session: string, pageTimeOrigin: number): void {
      page = { session, originDelta: performance.timeOrigin - pageTimeOrigin };
    },
    /** Each call brings the settings current in the page, so the desk never acts on older ones. */
    async prepare(now: number, current: DeskSettings): Promise<Outcome | undefined> {
      settings = current;
      const rehearsed = await desk.prepare(now);
      // The rolled-back rehearsal told no one; an empty change notice (Dexie's public event, no part changed) takes
      // the path a real commit's notice takes to the page, whose first run was a 50–70 ms task at 4× CPU (issue #14).
      Dexie.on('storagemutated').fire({});
      return rehearsed;
    },
    scanned(text: string, now: number, current: DeskSettings): Promise<Outcome | null> {
      settings = current;
      return desk.scanned(text, now);
    },
    manual(visitor: Visitor, now: number, current: DeskSettings): Promise<Outcome> {
      settings = current;
      return desk.manual(visitor, now);
    },
    screen(now: number): Promise<KioskScreen> {
      return readKioskScreen(db, tally, now);
    },
  };
}

export type DeskApi = ReturnType<typeof createDeskApi>;
