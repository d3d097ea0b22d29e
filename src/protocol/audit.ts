import { z } from 'zod';

// Audit log (issue #5): every change by an admin and every export of personal data.

export const AUDIT_ACTIONS = [
  'org.create',
  'org.update',
  'site.create',
  'site.update',
  'device.enrol',
  'device.revoke',
  'trace.view',
  'export.trace',
  'export.report',
  // Issue #6; the audit detail never holds personal data (a pass id, counts, a SHA-256 of an erased subject).
  'pass.issue',
  'roster.import',
  'subject.view',
  'subject.erase',
  // Issue #11: a data request by name (the detail holds the number of people found, never the name typed).
  'subject.search',
  // Issue #16: webhook endpoints (the detail holds the URL's origin and events, never the secret).
  'webhook.create',
  'webhook.delete',
  'webhook.redeliver',
  // Issue #16: the watchlist; the detail holds the kind and action (the subject only as its keyed hash).
  'watchlist.add',
  'watchlist.update',
  'watchlist.remove',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.string(),
  at: z.number(),
  actor: z.string(),
  action: z.enum(AUDIT_ACTIONS),
  orgId: z.string(),
  siteId: z.string().nullable(),
  target: z.string().nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditQuerySchema = z.object({ limit: z.coerce.number().int().min(1).max(1000).optional() });
/** What an id in the audit log names, so the console shows names, not ids (issue #11). */
export const auditNameSchema = z.object({ kind: z.enum(['org', 'site', 'device']), name: z.string().nullable() });
export type AuditName = z.infer<typeof auditNameSchema>;

export const auditListSchema = z.object({
  entries: z.array(auditEntrySchema),
  /** The orgs, sites and kiosks the entries mention, by id (a kiosk may have no name). */
  names: z.record(z.string(), auditNameSchema),
});
export type AuditList = z.infer<typeof auditListSchema>;
