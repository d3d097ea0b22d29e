import { sql } from 'kysely';
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

/** A personal value to take out of the audit log, and what stands in its place. */
export interface AuditRedaction {
  value: string;
  replacement: string;
  /** Also replace it inside longer strings (only for values long enough not to hit by chance). */
  inside?: boolean;
}

/** Shortest value replaced inside longer strings: shorter ones only where a whole string equals them. */
const MIN_INSIDE = 6;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** `text` with every redacted value replaced (whole string, or inside it when allowed). */
function redactText(text: string, redactions: readonly AuditRedaction[]): string {
  let out = text;
  for (const r of redactions) {
    if (out === r.value) return r.replacement;
    if (r.inside && r.value.length >= MIN_INSIDE) out = out.split(r.value).join(r.replacement);
  }
  return out;
}

/** The JSON value with every string redacted, keys and structure kept. */
function redactJson(value: unknown, redactions: readonly AuditRedaction[]): unknown {
  if (typeof value === 'string') return redactText(value, redactions);
  if (Array.isArray(value)) return value.map((v) => redactJson(v, redactions));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactJson(v, redactions)]));
  return value;
}

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

    /**
     * An erasure reaching the audit log (issue #10): entries in this scope whose target or detail holds one of
     * the values get it replaced (the subject by its keyed hash, names by a marker). Returns entries changed.
     */
    async redact(scope: { orgIds: readonly string[]; siteIds: readonly string[] }, redactions: readonly AuditRedaction[]): Promise<number> {
      const values = redactions.map((r) => r.value).filter((v) => v.length > 0);
      if (values.length === 0 || (scope.orgIds.length === 0 && scope.siteIds.length === 0)) return 0;
      const rows = await db
        .selectFrom('audit')
        .select(['id', 'target', 'detail'])
        .where((eb) =>
          eb.or([
            ...(scope.orgIds.length ? [eb('org_id', 'in', [...scope.orgIds])] : []),
            ...(scope.siteIds.length ? [eb('site_id', 'in', [...scope.siteIds])] : []),
          ]),
        )
        .where((eb) => eb.or([eb('target', 'in', values), ...values.map((v) => sql<boolean>`detail LIKE ${`%${escapeLike(v)}%`} ESCAPE '\\'`)]))
        .execute();
      let changed = 0;
      for (const row of rows) {
        const target = row.target === null ? null : redactText(row.target, redactions);
        const detail = row.detail === null ? null : JSON.stringify(redactJson(JSON.parse(row.detail), redactions));
        if (target === row.target && detail === row.detail) continue; // a LIKE hit inside a longer word only
        await db.updateTable('audit').set({ target, detail }).where('id', '=', row.id).execute();
        changed++;
      }
      return changed;
    },
  };
}
export type AuditRepository = ReturnType<typeof auditRepository>;
