import type { VisitSpan } from './pair-visits';

/** Another subject's visit that overlapped one of the traced subject's visits. */
export interface ContactSpan {
  visit: VisitSpan;
  overlapStart: number;
  overlapEnd: number;
  overlapSeconds: number;
}

/**
 * Every visit by another subject at the same site that overlaps one of `subjectVisits` for more than an instant
 * (one entry per overlapping pair). Sorted longest overlap first, then earliest, then by subject.
 */
export function findContacts(subjectVisits: readonly VisitSpan[], otherVisits: readonly VisitSpan[]): ContactSpan[] {
  const bySite = new Map<string, VisitSpan[]>();
  for (const v of otherVisits) {
    const list = bySite.get(v.siteId);
    if (list) list.push(v);
    else bySite.set(v.siteId, [v]);
  }
  const contacts: ContactSpan[] = [];
  for (const mine of subjectVisits) {
    for (const other of bySite.get(mine.siteId) ?? []) {
      if (other.subject === mine.subject) continue;
      const overlapStart = Math.max(mine.timeIn, other.timeIn);
      const overlapEnd = Math.min(mine.effectiveOut, other.effectiveOut);
      if (overlapEnd <= overlapStart) continue;
      contacts.push({ visit: other, overlapStart, overlapEnd, overlapSeconds: Math.round((overlapEnd - overlapStart) / 1000) });
    }
  }
  return contacts.sort(
    (a, b) =>
      b.overlapSeconds - a.overlapSeconds ||
      a.overlapStart - b.overlapStart ||
      (a.visit.subject < b.visit.subject ? -1 : a.visit.subject > b.visit.subject ? 1 : 0),
  );
}
