import type { AuditAction, AuditEntry } from '../../src/protocol/audit';
import type { AuditTable, Db } from '../db/schema';
import { newId } from '../lib/secrets';

export interface NewAuditEntry {
  adminId: string;
  actor: string;
  orgId: string;
  siteId?: string | null;
  action: AuditAction;
  target?: string | null;
  detail?: Record<string, unknown> | null;
}

const toEntry = (r: AuditTable): AuditEntry => ({
  id: r.id,
  at: Number(r.at),
  actor: r.actor,
  action: r.action as AuditAction,
  orgId: r.org_id,
  siteId: r.site_id,
  target: r.target,
  detail: r.detail === null ? null : (JSON.parse(r.detail) as Record<string, unknown>),
});

/** The audit log: appended by the routes that change things or export personal data, read per scope. */
export function auditRepository(db: Db) {
  return {
    /** Appends one entry. */
    async add(entry: NewAuditEntry, now = Date.now()): Promise<void> {
      await db
        .insertInto('audit')
        .values({
          id: newId('aud'),
          at: now,
          admin_id: entry.adminId,
          actor: entry.actor,
          org_id: entry.orgId,
          site_id: entry.siteId ?? null,
          action: entry.action,
          target: entry.target ?? null,
          detail: entry.detail ? JSON.stringify(entry.detail) : null,
        })
        .execute();
    },

    /** Newest entries about these orgs or these sites (whichever the caller's scope gives). */
    async list(scope: { orgIds: readonly string[]; siteIds: readonly string[] }, limit = 200): Promise<AuditEntry[]> {
      if (scope.orgIds.length === 0 && scope.siteIds.length === 0) return [];
      const rows = await db
        .selectFrom('audit')
        .selectAll()
        .where((eb) =>
          eb.or([
            ...(scope.orgIds.length ? [eb('org_id', 'in', [...scope.orgIds])] : []),
            ...(scope.siteIds.length ? [eb('site_id', 'in', [...scope.siteIds])] : []),
          ]),
        )
        .orderBy('at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toEntry);
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
