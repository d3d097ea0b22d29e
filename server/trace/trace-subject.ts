import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import type { Contact, TraceResult, Visit } from '../../src/protocol';
import type { Repositories } from '../repositories';
import { endOfDay, startOfDay } from './day-bounds';
import { findContacts } from './find-contacts';
import { pairVisits, type VisitSpan } from './pair-visits';


export interface TraceInput {
  subject: string;
  /** Epoch ms, inclusive / exclusive; unbounded when absent. */
  from?: number;
  to?: number;
  /** Sites the caller may see (an admin's org subtree); null = every site (the CLI). */
  allowedSiteIds: ReadonlySet<string> | null;
  timeZone: string;
}

/** Merges per-site time windows that touch, so each site is read once per busy period, not once per visit. */
function mergedWindows(visits: readonly VisitSpan[], timeZone: string): Map<string, Array<{ from: number; to: number }>> {
  const bySite = new Map<string, Array<{ from: number; to: number }>>();
  for (const v of [...visits].sort((a, b) => a.timeIn - b.timeIn)) {
    // Visits never cross local midnight, so the visit's own local day holds every event that can form an
    // overlapping visit (an OUT without its IN that day starts at midnight) — a third of a ±1-day read.
    const window = { from: startOfDay(v.timeIn, timeZone), to: endOfDay(v.timeIn, timeZone) };
    const list = bySite.get(v.siteId) ?? [];
    const last = list[list.length - 1];
    if (last && window.from <= last.to) last.to = Math.max(last.to, window.to);
    else list.push(window);
    bySite.set(v.siteId, list);
  }
  return bySite;
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Who was where with `subject`: their visits in [from, to), and every overlapping visit by someone else at the
 * same sites. Reads only the subject's rows and the other rows of those sites around those visits (both indexed).
 */
export async function traceSubject(repos: Pick<Repositories, 'checkins' | 'sites'>, input: TraceInput): Promise<TraceResult> {
  const { subject, from, to, allowedSiteIds, timeZone } = input;
  // Whole local days, so an IN just before `from` still pairs with its OUT inside the range.
  // Anonymised rows share one placeholder key: they are nobody, so they are neither traced nor a contact.
  const events = subject === PURGED_SUBJECT ? [] : await repos.checkins.eventsOfSubject(
    subject,
    {
      ...(from !== undefined ? { from: startOfDay(from, timeZone) } : {}),
      ...(to !== undefined ? { to: endOfDay(to, timeZone) } : {}),
    },
    allowedSiteIds ?? undefined,
  );
  const visits = pairVisits(events, timeZone).filter(
    (v) => (from === undefined || v.effectiveOut > from) && (to === undefined || v.timeIn < to),
  );

  const others: VisitSpan[] = [];
  for (const [siteId, windows] of mergedWindows(visits, timeZone)) {
    for (const window of windows) {
      const siteEvents = await repos.checkins.eventsAtSite(siteId, window);
      others.push(...pairVisits(siteEvents.filter((e) => e.subject !== subject && e.subject !== PURGED_SUBJECT), timeZone));
    }
  }
  const contacts = findContacts(visits, others);

  const siteNames = await repos.sites.namesById([...new Set(visits.map((v) => v.siteId))]);
  const siteName = (id: string) => siteNames.get(id) ?? id;
  return {
    subject,
    visits: visits.map(
      (v): Visit => ({
        siteId: v.siteId,
        siteName: siteName(v.siteId),
        subject: v.subject,
        ...(v.name !== null ? { name: v.name } : {}),
        timeIn: iso(v.timeIn),
        timeOut: v.timeOut === null ? null : iso(v.timeOut),
        effectiveOut: iso(v.effectiveOut),
      }),
    ),
    contacts: contacts.map(
      (c): Contact => ({
        subject: c.visit.subject,
        ...(c.visit.name !== null ? { name: c.visit.name } : {}),
        siteId: c.visit.siteId,
        siteName: siteName(c.visit.siteId),
        timeIn: iso(c.visit.timeIn),
        timeOut: c.visit.timeOut === null ? null : iso(c.visit.timeOut),
        overlapStart: iso(c.overlapStart),
        overlapEnd: iso(c.overlapEnd),
        overlapSeconds: c.overlapSeconds,
      }),
    ),
  };
}
