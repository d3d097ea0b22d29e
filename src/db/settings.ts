import type { SitePolicy } from '../protocol/enrol';
import type { PassKey } from '../protocol/site-config';
import type { WatchlistSalt } from '../protocol/watchlist-sync';
import type { GatelogDb } from './gatelog-db';
import type { Direction } from '../protocol/checkin';
import type { ClockAnchor } from '../domain/record-clock';
import type { SiteGate } from '../protocol/site-gate';

/** Every kiosk setting with its type; read and written only through `getSetting`/`setSetting`. */
export interface Settings {
  /** Next check-in sequence number (monotonic per device). */
  nextSeq: number;
  lang: 'vi' | 'en';
  direction: Direction;
  deviceId: string;
  deviceToken: string;
  siteId: string;
  siteName: string;
  policy: SitePolicy;
  /** serverTime − Date.now() at the last answer, ms. */
  clockOffsetMs: number;
  lastSyncAt: number;
  /** Set when the server said this kiosk's token is revoked. */
  revoked: boolean;
  /** Set when the server did not know this kiosk's token at all (issue #12); cleared by enrolment. */
  deviceUnknown: boolean;
  /** Server answers against each recent app session's clocks (src/domain/record-clock.ts). */
  clockAnchors: ClockAnchor[];
  cameraId: string;
  /** Result of navigator.storage.persist(). */
  persisted: boolean;
  /** Keys that sign admin-issued passes at this site (from the server's site config). */
  passKeys: PassKey[];
  /** Roster version this kiosk holds; the next pull asks for changes after it. */
  rosterSince: number;
  /** Last erasure-list version applied (issue #10); the next pull asks for entries after it. */
  erasuresSince: number;
  /** The watchlist version this kiosk holds, and the salts of its hashes (issue #16). */
  watchlistVersion: string;
  watchlistSalts: WatchlistSalt[];
  /** The site's direction mode and closing time (issue #16). */
  gate: SiteGate;
  /** The site's key of visitor hashes (its erasure key): occupancy entries name visitors by it (issue #16). */
  subjectKey: string;
  /** The occupancy delta's cursor: the `nextSince` of the last answer applied. */
  occupancySince: number;
  /** Counts direction corrections: the header's day counters re-read the day when it changes (src/db/today-tally.ts). */
  directionCorrections: number;
}

export type SettingKey = keyof Settings;

/** Reads one setting, or undefined when it was never written. */
export async function getSetting<K extends SettingKey>(db: GatelogDb, key: K): Promise<Settings[K] | undefined> {
  return (await db.settings.get(key))?.value as Settings[K] | undefined;
}

/** Reads several settings in one request (undefined for those never written). */
export async function getSettings<K extends SettingKey>(db: GatelogDb, keys: readonly K[]): Promise<{ [P in K]?: Settings[P] }> {
  const rows = await db.settings.bulkGet([...keys]);
  return Object.fromEntries(keys.map((key, i) => [key, rows[i]?.value])) as { [P in K]?: Settings[P] };
}

/** Writes one setting. */
export async function setSetting<K extends SettingKey>(db: GatelogDb, key: K, value: Settings[K]): Promise<void> {
  await db.settings.put({ key, value });
}

/** Reads all settings at once (for the UI's first render). */
export async function getAllSettings(db: GatelogDb): Promise<Partial<Settings>> {
  const rows = await db.settings.toArray();
  return Object.fromEntries(rows.map((r) => [r.key, r.value])) as Partial<Settings>;
}
