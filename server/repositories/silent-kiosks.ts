import { sql } from 'kysely';
import type { SilentKiosk } from '../../src/protocol';
import type { Db } from '../db/schema';

const HOUR_MS = 3_600_000;

/** Kiosks that went quiet, against each site's own threshold (issue #15), and the thresholds themselves. */
export function silentKiosksRepository(db: Db) {
  return {
    /** Enrolled, unrevoked kiosks at these sites with no sync for longer than their site allows; longest silent first. */
    async list(siteIds: readonly string[], now = Date.now()): Promise<SilentKiosk[]> {
      if (siteIds.length === 0) return [];
      // A kiosk that never synced counts from its enrolment. The bigint cast keeps 720 h in ms from overflowing int4.
      const lastHeard = sql<number>`coalesce(device.last_sync_at, device.enrolled_at)`;
      const rows = await db
        .selectFrom('device')
        .innerJoin('site', 'site.id', 'device.site_id')
        .select([
          'device.id as deviceId',
          'device.name as name',
          'device.site_id as siteId',
          'site.name as siteName',
          'device.last_sync_at as lastSyncAt',
          'device.enrolled_at as enrolledAt',
          'device.pending_reported as pendingReported',
          'device.app_version as appVersion',
          'site.silent_after_hours as silentAfterHours',
        ])
        .where('device.site_id', 'in', [...siteIds])
        .where('device.revoked_at', 'is', null)
        .where('device.enrolled_at', 'is not', null)
        .where(sql<boolean>`${lastHeard} < ${now} - site.silent_after_hours * cast(${HOUR_MS} as bigint)`)
        .orderBy(lastHeard)
        .orderBy('device.id')
        .execute();
      return rows.map((r) => ({ ...r, enrolledAt: r.enrolledAt as number }));
    },

    /** A site's threshold in hours. */
    async hoursOf(siteId: string): Promise<number | undefined> {
      const row = await db.selectFrom('site').select('silent_after_hours').where('id', '=', siteId).executeTakeFirst();
      return row?.silent_after_hours;
    },

    /** Sets a site's threshold in hours. */
    async setHours(siteId: string, hours: number): Promise<void> {
      await db.updateTable('site').set({ silent_after_hours: hours }).where('id', '=', siteId).execute();
    },
  };
}
export type SilentKiosksRepository = ReturnType<typeof silentKiosksRepository>;
