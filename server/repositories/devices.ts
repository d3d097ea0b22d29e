import type { Db, DeviceTable } from '../db/schema';
import { newId } from '../lib/secrets';

export interface Device {
  id: string;
  siteId: string;
  name: string | null;
  enrolledAt: number | null;
  revokedAt: number | null;
  enrolCodeExpiresAt: number | null;
  lastSyncAt: number | null;
  pendingReported: number | null;
  appVersion: string | null;
  createdAt: number;
}

export type EnrolOutcome =
  | { ok: true; device: Device }
  | { ok: false; reason: 'unknown' | 'used' | 'expired' | 'revoked' };

const toDevice = (r: DeviceTable): Device => ({
  id: r.id,
  siteId: r.site_id,
  name: r.name,
  enrolledAt: r.enrolled_at,
  revokedAt: r.revoked_at,
  enrolCodeExpiresAt: r.enrol_code_expires_at,
  lastSyncAt: r.last_sync_at,
  pendingReported: r.pending_reported,
  appVersion: r.app_version,
  createdAt: r.created_at,
});

/** Kiosk devices: created with a one-time enrolment code, then identified by a bearer token (hashes only). */
export function devicesRepository(db: Db) {
  return {
    /** Creates a not-yet-enrolled device holding the hash of its enrolment code. */
    async create(
      input: { siteId: string; name?: string | null; codeHash: string; codeExpiresAt: number },
      now = Date.now(),
    ): Promise<Device> {
      const row: DeviceTable = {
        id: newId('dev'),
        site_id: input.siteId,
        name: input.name ?? null,
        token_hash: null,
        enrol_code_hash: input.codeHash,
        enrol_code_expires_at: input.codeExpiresAt,
        enrolled_at: null,
        revoked_at: null,
        last_sync_at: null,
        pending_reported: null,
        app_version: null,
        created_at: now,
      };
      await db.insertInto('device').values(row).execute();
      return toDevice(row);
    },

    /**
     * Spends an enrolment code: one conditional UPDATE, so two kiosks racing with the same code
     * cannot both win. On failure, says why (for a clear error to the kiosk).
     */
    async enrol(codeHash: string, tokenHash: string, appVersion: string | null, now = Date.now()): Promise<EnrolOutcome> {
      const result = await db
        .updateTable('device')
        .set({ token_hash: tokenHash, enrolled_at: now, app_version: appVersion })
        .where('enrol_code_hash', '=', codeHash)
        .where('enrolled_at', 'is', null)
        .where('revoked_at', 'is', null)
        .where('enrol_code_expires_at', '>', now)
        .executeTakeFirst();
      const row = await db.selectFrom('device').selectAll().where('enrol_code_hash', '=', codeHash).executeTakeFirst();
      if (!row) return { ok: false, reason: 'unknown' };
      if (Number(result.numUpdatedRows) === 1) return { ok: true, device: toDevice(row) };
      if (row.revoked_at !== null) return { ok: false, reason: 'revoked' };
      if (row.enrolled_at !== null) return { ok: false, reason: 'used' };
      return { ok: false, reason: 'expired' };
    },

    /** The device holding this token, revoked or not (the caller tells the two apart). */
    async findByTokenHash(tokenHash: string): Promise<Device | undefined> {
      const row = await db.selectFrom('device').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
      return row && toDevice(row);
    },

    /** One device by id. */
    async get(id: string): Promise<Device | undefined> {
      const row = await db.selectFrom('device').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toDevice(row);
    },

    /** Kiosk names by id (null: enrolled without a name), for the audit log. */
    async namesById(ids: readonly string[]): Promise<Map<string, string | null>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('device').select(['id', 'name']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.name]));
    },

    /** All devices, or those of one site, oldest first. */
    async list(siteId?: string): Promise<Device[]> {
      let q = db.selectFrom('device').selectAll();
      if (siteId !== undefined) q = q.where('site_id', '=', siteId);
      const rows = await q.orderBy('created_at').orderBy('id').execute();
      return rows.map(toDevice);
    },

    /** The devices at these sites, newest first. */
    async listAtSites(siteIds: readonly string[]): Promise<Device[]> {
      if (siteIds.length === 0) return [];
      const rows = await db.selectFrom('device').selectAll().where('site_id', 'in', [...siteIds]).orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toDevice);
    },

    /** Revokes a device (its token stops working at once); false if it does not exist. */
    async revoke(id: string, now = Date.now()): Promise<boolean> {
      const result = await db
        .updateTable('device')
        .set({ revoked_at: now })
        .where('id', '=', id)
        .where('revoked_at', 'is', null)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) === 1) return true;
      return (await this.get(id)) !== undefined;
    },

    /**
     * How many kiosks are in each state (for /metrics): enrolled and synced within `silentAfterMs` (active), enrolled
     * but quiet longer (silent; counted from enrolment if it never synced), revoked, or not enrolled yet.
     */
    async countByState(silentAfterMs: number, now = Date.now()): Promise<Record<'active' | 'silent' | 'revoked' | 'awaiting_enrolment', number>> {
      const since = now - silentAfterMs;
      const rows = await db
        .selectFrom('device')
        .select((eb) => [
          eb.fn.countAll<number>().as('total'),
          eb.fn.count<number>('revoked_at').as('revoked'),
          eb.fn.sum<number>(eb.case().when(eb.and([eb('revoked_at', 'is', null), eb('enrolled_at', 'is', null)])).then(1).else(0).end()).as('awaiting'),
          // A kiosk enrolled a moment ago has not synced yet but is not silent: count from its enrolment.
          eb.fn
            .sum<number>(
              eb.case().when(eb.and([eb('revoked_at', 'is', null), eb(eb.fn.coalesce('last_sync_at', 'enrolled_at'), '>=', since)])).then(1).else(0).end(),
            )
            .as('active'),
        ])
        .executeTakeFirstOrThrow();
      const total = Number(rows.total);
      const revoked = Number(rows.revoked);
      const active = Number(rows.active ?? 0);
      const awaiting = Number(rows.awaiting ?? 0);
      return { active, silent: total - revoked - active - awaiting, revoked, awaiting_enrolment: awaiting };
    },

    /** Records what a kiosk reported on its last sync (shown to admins). */
    async recordSync(id: string, report: { at: number; pending: number | null; appVersion: string | null }): Promise<void> {
      await db
        .updateTable('device')
        .set({
          last_sync_at: report.at,
          pending_reported: report.pending,
          ...(report.appVersion !== null ? { app_version: report.appVersion } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
  };
}
export type DevicesRepository = ReturnType<typeof devicesRepository>;
