import { erasureHash } from '../../src/protocol/erasures';
import type { SubjectData } from '../../src/protocol/subjects';
import type { Repositories } from '../repositories';
import { tombstone } from '../rosters/plan-roster-import';
import { auditSubjectHash, siteErasureKey } from './subject-keys';

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
  /** Audit entries that held the subject or the person's name, now holding a keyed hash or a marker. */
  auditEntries: number;
}

/** What stands in the audit log where an erased person's name was. */
export const ERASED_NAME = '[erased]';

/**
 * Erases what `findSubjectData` finds at these sites: check-ins anonymised as retention does, roster entries
 * turned into tombstones (with new versions, so kiosks drop them on their next sync), issued passes stripped.
 * Then it reaches further (issue #10): each site's erasure list gets the subject's keyed hash, so the site's
 * kiosks forget the person at their next sync, and audit entries in scope keep a keyed hash instead of the
 * subject and lose the person's name.
 */
export async function eraseSubjectData(
  repos: Repositories,
  subject: string,
  scope: { siteIds: readonly string[]; orgIds: readonly string[] },
): Promise<ErasureCounts> {
  const { siteIds } = scope;
  const held = await findSubjectData(repos, subject, siteIds);
  const names = new Set([...held.checkins.map((c) => c.visitor.name), ...held.roster.map((r) => r.name), ...held.passes.map((p) => p.name)]);
  const checkins = await repos.checkins.anonymiseSubject(subject, siteIds);
  for (const siteId of new Set(held.roster.map((e) => e.siteId))) await repos.rosters.applyChanges(siteId, [tombstone(subject)]);
  const passes = await repos.issuedPasses.anonymise(held.passes.map((p) => p.passId));
  await repos.erasures.add(await Promise.all(siteIds.map(async (siteId) => ({ siteId, hash: await erasureHash(await siteErasureKey(repos, siteId), subject) }))));
  const auditEntries = await repos.audit.redact(scope, [
    { value: subject, replacement: await auditSubjectHash(repos, subject), inside: true },
    ...[...names].filter((n): n is string => !!n).map((value) => ({ value, replacement: ERASED_NAME })),
  ]);
  return { checkins, rosterEntries: held.roster.length, passes, auditEntries };
}
