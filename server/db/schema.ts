import type { ColumnType, Generated, Kysely } from 'kysely';

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
  /** Latest roster version handed out at this site (each changed roster row gets its own). */
  roster_version: Generated<number>;
  /** The console lists a kiosk of this site as silent after this many hours without a sync (default 24). */
  silent_after_hours: Generated<number>;
  /** Latest erasure-list version at this site (issue #10). */
  erasure_version: Generated<number>;
  /** DIRECTION_MODES (src/protocol/site-gate.ts), issue #16. */
  direction_mode: Generated<string>;
  /** "HH:MM" local: visits with no OUT end here; null = local midnight (issue #16). */
  closing_time: Generated<string | null>;
  /** The closing time the site's visits were last paired with; differs from closing_time while a re-pair is due. */
  visits_closing_time: Generated<string | null>;
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
  /** Why corrected_time is not trusted (TIME_FLAGS in src/protocol/checkin.ts), null when it is (issue #12). */
  time_flag?: string | null;
  /** A watchlist match (issue #16): 'refused' (not a visit: kept out of the read side) or 'alert'; null otherwise. */
  outcome?: string | null;
  watchlist_id?: string | null;
  /** The kiosk's correction count of `direction` (issue #16); 0 when never corrected. */
  direction_revision?: number;
  /** Server clock when a correction last changed `direction` (the occupancy delta's second cursor). */
  direction_changed_at?: number | null;
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

/** An Ed25519 key that signs admin-issued passes (issue #6); retired keys are no longer sent to kiosks. */
export interface PassKeyTable {
  kid: string;
  public_key: string;
  private_key: string;
  created_at: number;
  retired_at: number | null;
}

/** A pass an admin issued, kept so a data request can find (and erase) it. */
export interface IssuedPassTable {
  pass_id: string;
  site_id: string;
  kid: string;
  name: string | null;
  phone: string | null;
  id_number: string | null;
  /** YYYY-MM-DD or null (never expires). */
  valid_until: string | null;
  issued_by: string;
  issued_at: number;
}

/** One person on a site's roster; a removed one stays as a tombstone (deleted = 1) so kiosks drop it too. */
export interface RosterEntryTable {
  site_id: string;
  code: string;
  name: string;
  group_name: string;
  role: string;
  version: number;
  deleted: number;
}

/** Read side (issue #9, migration 004): one stay at a site, derived from check-ins by pairing. */
export interface VisitTable {
  site_id: string;
  subject: string;
  /** Start of the local day, epoch ms. */
  day: number;
  time_in: number;
  time_out: number | null;
  effective_out: number;
  name: string | null;
}

/** Read side: scans per site, local day (YYYY-MM-DD) and local hour. */
export interface SiteHourCountTable {
  site_id: string;
  day: string;
  hour: number;
  scans: number;
}

/** Read side: scans per site and local day (YYYY-MM-DD). */
export interface SiteDayCountTable {
  site_id: string;
  day: string;
  scans: number;
}

/** Read side: HyperLogLog registers of a site-month's visitors (server/reports/visitor-sketch.ts). */
export interface SiteMonthSketchTable {
  site_id: string;
  /** YYYY-MM, local. */
  month: string;
  registers: Uint8Array;
}

/** Read side: a subject seen at a site on a local day (exact distinct visitors over a period). */
export interface SiteDayVisitorTable {
  site_id: string;
  day: string;
  subject: string;
}

export interface ReadSideStateTable {
  key: string;
  value: string;
}

/** A server-side secret, created on first use (issue #10: the key of keyed subject hashes). */
export interface ServerSecretTable {
  name: string;
  value: string;
  created_at: number;
}

/** One erased subject at one site, as the site's keyed hash: what kiosks pull to forget it too (issue #10). */
export interface ErasureTable {
  site_id: string;
  version: number;
  subject_hash: string;
  erased_at: number;
}

/** One watchlist entry of an organisation (issue #16, migration 010). */
export interface WatchlistEntryTable {
  id: string;
  org_id: string;
  kind: string;
  subject: string;
  subject_hash: string;
  iterations: number;
  reason: string;
  action: string;
  created_at: number;
  updated_at: number;
  hits: number;
  last_hit_at: number | null;
}

/**
 * The check-in table as stored: the row callers build (CheckinTable) plus `name_folded`, the name without tones or
 * case for search (issue #11, migration 008), which only the repository's insert writes.
 */
export interface StoredCheckinTable extends CheckinTable {
  name_folded: ColumnType<string | null, string | null | undefined, string | null>;
}

/** A receiver of an organisation's events (issue #16, migration 011). */
export interface WebhookEndpointTable {
  id: string;
  org_id: string;
  url: string;
  /** JSON array of WebhookEventType. */
  events: string;
  secret: string;
  created_at: number;
  deleted_at: number | null;
}

/** One delivery in the durable outbox; `id` is the idempotency key (migration 011). */
export interface WebhookDeliveryTable {
  id: string;
  endpoint_id: string;
  org_id: string;
  event_type: string;
  /** JSON array of WebhookEvent. */
  payload: string;
  event_count: number;
  status: string;
  attempts: number;
  next_attempt_at: number | null;
  created_at: number;
  delivered_at: number | null;
  last_error: string | null;
}

export interface DB {
  org: OrgTable;
  site: SiteTable;
  device: DeviceTable;
  checkin: StoredCheckinTable;
  admin: AdminTable;
  admin_token: AdminTokenTable;
  audit: AuditTable;
  pass_key: PassKeyTable;
  issued_pass: IssuedPassTable;
  roster_entry: RosterEntryTable;
  visit: VisitTable;
  site_hour_count: SiteHourCountTable;
  site_day_count: SiteDayCountTable;
  site_month_sketch: SiteMonthSketchTable;
  site_day_visitor: SiteDayVisitorTable;
  read_side_state: ReadSideStateTable;
  server_secret: ServerSecretTable;
  erasure: ErasureTable;
  webhook_endpoint: WebhookEndpointTable;
  webhook_delivery: WebhookDeliveryTable;
  watchlist_entry: WatchlistEntryTable;
}

export type Db = Kysely<DB>;
