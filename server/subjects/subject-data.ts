import type { SubjectData } from '../../src/protocol/subjects';
import type { Repositories } from '../repositories';
import { tombstone } from '../rosters/plan-roster-import';

/** Everything held about `subject` at these sites: check-ins, roster entries, issued passes (issue #6). */
export async function findSubjectData(repos: Repositories, subject: string, siteIds: readonly string[]): Promise<SubjectData> {
  const [checkins, roster, passes] = await Promise.all([
    repos.checkins.ofSubject(subject, siteIds),
    repos.rosters.findByCode(subject, siteIds),
    repos.issuedPasses.findBySubject(subject, siteIds),
  ]);
  const names = await repos.sites.namesById([...new Set([...checkins, ...roster, ...passes.map((p) => ({ siteId: p.site_id }))].map((x) => x.siteId))]);
  const siteName = (id: string) => names.get(id) ?? id;
  return {
    subject,
    checkins: checkins.map((c) => ({ ...c, siteName: siteName(c.siteId) })),
    roster: roster.map((r) => ({ siteId: r.siteId, siteName: siteName(r.siteId), code: r.code, name: r.name, group: r.group, role: r.role })),
    passes: passes.map((p) => ({
      passId: p.pass_id,
      siteId: p.site_id,
      siteName: siteName(p.site_id),
      name: p.name,
      phone: p.phone,
      idNumber: p.id_number,
      validUntil: p.valid_until,
      issuedAt: Number(p.issued_at),
    })),
  };
}

export interface ErasureCounts {
  checkins: number;
  rosterEntries: number;
  passes: number;
}

/**
 * Erases what `findSubjectData` finds at these sites: check-ins anonymised as retention does, roster entries
 * turned into tombstones (with new versions, so kiosks drop them on their next sync), issued passes stripped.
 */
export async function eraseSubjectData(repos: Repositories, subject: string, siteIds: readonly string[]): Promise<ErasureCounts> {
  const checkins = await repos.checkins.anonymiseSubject(subject, siteIds);
  const entries = await repos.rosters.findByCode(subject, siteIds);
  for (const siteId of new Set(entries.map((e) => e.siteId))) await repos.rosters.applyChanges(siteId, [tombstone(subject)]);
  const passes = await repos.issuedPasses.anonymise((await repos.issuedPasses.findBySubject(subject, siteIds)).map((p) => p.pass_id));
  return { checkins, rosterEntries: entries.length, passes };
}
