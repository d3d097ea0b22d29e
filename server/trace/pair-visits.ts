import type { Direction } from '../../src/protocol';
import { periodOf, type ClosingTimes } from './visit-periods';

/** A check-in reduced to what pairing needs (times are corrected, epoch ms). */
export interface GateEvent {
  id: string;
  siteId: string;
  subject: string;
  name: string | null;
  direction: Direction;
  seq: number;
  correctedTime: number;
}

/** One stay at a site, epoch ms. */
export interface VisitSpan {
  siteId: string;
  subject: string;
  name: string | null;
  /** The IN's time, or the start of the period when the visit is only known from its OUT. */
  timeIn: number;
  /** The OUT's time; null when no OUT closed the visit. */
  timeOut: number | null;
  /** Where the visit counts as ended for overlaps: the OUT, else the next IN or the end of its period, whichever first. */
  effectiveOut: number;
}

const byTimeThenSeq = (a: GateEvent, b: GateEvent): number =>
  a.correctedTime - b.correctedTime || a.seq - b.seq || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Pairs each IN with the next OUT of the same subject at the same site. Rules (issue #3):
 * - an OUT with no open IN that day → a visit from the start of that day to the OUT;
 * - an IN with no OUT → open until the end of its day;
 * - an IN followed by another IN → the first ends at the next IN or the end of its day, whichever first;
 * - an OUT on a later day than the open IN does not close it: visits never cross local midnight.
 * Issue #16: at a site with a closing time (`closingTimes`, minutes after local midnight by site id), "day" above
 * reads "period" — midnight to closing, closing to midnight (server/trace/visit-periods.ts): an IN with no OUT
 * ends at closing time, and an OUT after closing does not close an IN before it (it is a visit from closing time).
 * Days are local days in `timeZone`. The result is sorted by timeIn, then site, then subject.
 */
export function pairVisits(events: readonly GateEvent[], timeZone: string, closingTimes: ClosingTimes = new Map()): VisitSpan[] {
  const groups = new Map<string, GateEvent[]>();
  for (const e of events) {
    const key = `${e.siteId}\u0000${e.subject}`;
    const list = groups.get(key);
    if (list) list.push(e);
    else groups.set(key, [e]);
  }

  const visits: VisitSpan[] = [];
  for (const list of groups.values()) {
    list.sort(byTimeThenSeq);
    const closing = closingTimes.get(list[0]!.siteId);
    const periodEnd = (ms: number) => periodOf(ms, timeZone, closing)[1];
    let open: GateEvent | null = null;
    const closeOpen = (at: number) => {
      if (!open) return;
      visits.push({ siteId: open.siteId, subject: open.subject, name: open.name, timeIn: open.correctedTime, timeOut: null, effectiveOut: at });
      open = null;
    };
    for (const e of list) {
      if (open && e.correctedTime >= periodEnd(open.correctedTime)) {
        closeOpen(periodEnd(open.correctedTime));
      }
      if (e.direction === 'in') {
        if (open) closeOpen(e.correctedTime);
        open = e;
        continue;
      }
      if (open) {
        const opened: GateEvent = open;
        visits.push({
          siteId: e.siteId,
          subject: e.subject,
          name: opened.name ?? e.name,
          timeIn: opened.correctedTime,
          timeOut: e.correctedTime,
          effectiveOut: e.correctedTime,
        });
        open = null;
      } else {
        visits.push({
          siteId: e.siteId,
          subject: e.subject,
          name: e.name,
          timeIn: periodOf(e.correctedTime, timeZone, closing)[0],
          timeOut: e.correctedTime,
          effectiveOut: e.correctedTime,
        });
      }
    }
    const last: GateEvent | null = open;
    if (last) closeOpen(periodEnd(last.correctedTime));
  }

  return visits.sort(
    (a, b) => a.timeIn - b.timeIn || (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0) || (a.subject < b.subject ? -1 : a.subject > b.subject ? 1 : 0),
  );
}
