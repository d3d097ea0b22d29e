import type { Kysely } from 'kysely';

/** Table shapes as stored; times are epoch ms (bigint on PostgreSQL, parsed back to number). */
export interface OrgTable {
  id: string;
  name: string;
  parent_id: string | null;
  created_at: number;
}

export interface SiteTable {
  id: string;
  org_id: string;
  name: string;
  /** JSON of SitePolicy (src/protocol/enrol.ts). */
  policy: string;
  created_at: number;
}

export interface DeviceTable {
  id: string;
  site_id: string;
  name: string | null;
  token_hash: string | null;
  enrol_code_hash: string | null;
  enrol_code_expires_at: number | null;
  enrolled_at: number | null;
  revoked_at: number | null;
  last_sync_at: number | null;
  pending_reported: number | null;
  app_version: string | null;
  created_at: number;
}

export interface CheckinTable {
  /** The kiosk's UUIDv7: the idempotency key of sync. */
  id: string;
  device_id: string;
  site_id: string;
  seq: number;
  direction: string;
  subject: string;
  kind: string;
  name: string | null;
  /** JSON of the visitor's kept personal fields only. */
  visitor: string;
  device_time: number;
  received_at: number;
  corrected_time: number;
}

export interface AdminTable {
  id: string;
  org_id: string;
  email: string;
  password_hash: string;
  role: string;
  /** Set for a site manager (and a site-bound viewer): the one site they see. */
  site_id: string | null;
  created_at: number;
}

export interface AdminTokenTable {
  token_hash: string;
  admin_id: string;
  created_at: number;
  expires_at: number;
}

/** One admin action or personal-data export (issue #5). */
export interface AuditTable {
  id: string;
  at: number;
  admin_id: string;
  /** The admin's email at the time. */
  actor: string;
  org_id: string;
  site_id: string | null;
  action: string;
  target: string | null;
  /** JSON, small. */
  detail: string | null;
}

export interface DB {
  org: OrgTable;
  site: SiteTable;
  device: DeviceTable;
  checkin: CheckinTable;
  admin: AdminTable;
  admin_token: AdminTokenTable;
  audit: AuditTable;
}

export type Db = Kysely<DB>;
