import { ENROL_PATH, enrolResponseSchema, errorBodySchema } from '../protocol';
import type { GatelogDb } from '../db/gatelog-db';
import { getSetting, setSetting } from '../db/settings';
import { recordAnchor } from '../db/clock-anchors';
import { settleRecordsForSite } from '../db/records-by-site';
import { APP_VERSION } from '../sync/app-version';

export type EnrolError = 'enrolUsed' | 'enrolNetwork' | 'enrolFailed';
export type EnrolResult = { ok: true; siteName: string } | { ok: false; error: EnrolError };

/** The code in an enrolment link (`…/#enrol=CODE`), or null. Only links to this server count. */
export function enrolCodeFromUrl(text: string, origin: string): string | null {
  let url: URL;
  try {
    url = new URL(text, origin);
  } catch {
    return null;
  }
  if (url.origin !== origin) return null;
  const m = /^#enrol=([A-Za-z0-9_-]{6,64})$/.exec(url.hash);
  return m ? m[1]! : null;
}

/**
 * Exchanges a one-time enrolment code for this kiosk's device token and its site's policy.
 * The token is kept in IndexedDB, where the service worker can read it for Background Sync.
 */
export async function enrol(db: GatelogDb, code: string, fetchImpl: typeof fetch = fetch): Promise<EnrolResult> {
  let res: Response;
  try {
    res = await fetchImpl(ENROL_PATH, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ code, appVersion: APP_VERSION }),
    });
  } catch {
    return { ok: false, error: 'enrolNetwork' };
  }
  const json: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const err = errorBodySchema.safeParse(json);
    return { ok: false, error: res.status === 409 || res.status === 410 || (err.success && /used|expired/.test(err.data.code)) ? 'enrolUsed' : 'enrolFailed' };
  }
  const body = enrolResponseSchema.safeParse(json);
  if (!body.success) return { ok: false, error: 'enrolFailed' };
  const e = body.data;
  const perf = performance.now();
  // One transaction with the outbox: a scan commits either before (and is settled here) or after (and takes the new site).
  await db.transaction('rw', db.settings, db.outbox, db.occupancy, async () => {
    // Another site's (or an older enrolment's) occupancy means nothing here: the next pull sends who is inside (#16).
    if ((await getSetting(db, 'siteId')) !== e.site.id) {
      await db.occupancy.clear();
      await db.settings.delete('gate');
    }
    await setSetting(db, 'occupancySince', 0);
    await setSetting(db, 'deviceId', e.deviceId);
    await setSetting(db, 'deviceToken', e.token);
    await setSetting(db, 'siteId', e.site.id);
    await setSetting(db, 'siteName', e.site.name);
    await setSetting(db, 'policy', e.policy);
    await setSetting(db, 'clockOffsetMs', e.serverTime - Date.now());
    await setSetting(db, 'revoked', false);
    await setSetting(db, 'deviceUnknown', false);
    await recordAnchor(db, e.serverTime, perf);
    await settleRecordsForSite(db, e.site.id);
  });
  return { ok: true, siteName: e.site.name };
}
