import Dexie, { type Table } from 'dexie';
import type { CheckIn } from '../protocol/checkin';
import type { Direction } from '../protocol/checkin-direction';
import type { RosterEntry } from '../protocol/roster';
import type { KioskWatchlistEntry } from '../protocol/watchlist-sync';
import type { ScanClock } from '../domain/record-clock';

/** `held`: logged under another site than the kiosk's current enrolment; kept, never sent under the new one. */
export const SYNC_STATES = ['pending', 'synced', 'rejected', 'held'] as const;
export type SyncState = (typeof SYNC_STATES)[number];

/** One check-in in the kiosk's outbox: the wire record plus its local sync state. */
export interface OutboxRow extends CheckIn, ScanClock {
  syncState: SyncState;
  /** The site the kiosk was enrolled at when this was logged: it belongs there forever (issue #12). */
  siteId?: string;
  /** Why the server refused it (set when `syncState` is `rejected`). */
  rejectReason?: string;
  /** Server clock when it was acknowledged (accepted or duplicate). */
  syncedAt?: number;
}

export interface SettingRow {
  key: string;
  value: unknown;
}

export const DB_NAME = 'gatelog';

/** Table names and key paths in one place; a schema change adds a version, never edits one. */
export const TABLES = {
  outbox: 'outbox',
  settings: 'settings',
  roster: 'roster',
  watchlist: 'watchlist',
  occupancy: 'occupancy',
} as const;

/**
 * A watchlist entry as the kiosk keeps it (issue #16): the keyed slow hash of the subject, never the subject; the
 * reason (shown to the attendant) and the action. `keyId` names the salt it was hashed with (setting watchlistSalts).
 */
export type WatchlistRow = KioskWatchlistEntry;

/**
 * What the kiosk knows of other kiosks' passages at its site (issue #16): per visitor, as a keyed hash (`h`, see
 * OccupancyEntry), the latest direction and its server time. The kiosk's own passages are read from its outbox.
 */
export interface OccupancyRow {
  h: string;
  d: Direction;
  t: number;
}

/** A roster entry as the kiosk keeps it (tombstones are deleted, not kept). */
export type RosterRow = Omit<RosterEntry, 'deleted'>;

/**
 * The kiosk's IndexedDB. Opened with strict durability: kiosks lose power, and Chrome's default
 * (relaxed) may acknowledge a commit before it reaches disk — "logged" must mean on disk.
 */
export class GatelogDb extends Dexie {
  outbox!: Table<OutboxRow, string>;
  settings!: Table<SettingRow, string>;
  roster!: Table<RosterRow, string>;
  watchlist!: Table<WatchlistRow, string>;
  occupancy!: Table<OccupancyRow, string>;

  constructor(name = DB_NAME, options: ConstructorParameters<typeof Dexie>[1] = {}) {
    super(name, { chromeTransactionDurability: 'strict', ...options });
    this.version(1).stores({
      // seq: device order; [syncState+seq]: the push engine reads pending rows oldest first;
      // deviceTime: today's counters and retention purges.
      [TABLES.outbox]: 'id, seq, deviceTime, [syncState+seq]',
      [TABLES.settings]: 'key',
    });
    // v2 (issue #6): the site's roster synced down, and repeat-visitor lookup by subject.
    // Adding tables and indexes keeps every outbox row; Dexie builds the new index on upgrade.
    this.version(2).stores({
      [TABLES.outbox]: 'id, seq, deviceTime, [syncState+seq], visitor.subject',
      [TABLES.roster]: 'code',
    });
    // v3 (issue #12): each record remembers the site it was logged at, so a re-enrolment never relabels it.
    this.version(3)
      .stores({})
      .upgrade(async (tx) => {
        const siteId = (await tx.table<SettingRow, string>(TABLES.settings).get('siteId'))?.value as string | undefined;
        if (siteId) await tx.table<OutboxRow, string>(TABLES.outbox).toCollection().modify({ siteId });
      });
    // v4 (issue #16): the watchlist synced down, looked up by hash on every scan; other kiosks' passages at the
    // site, for the automatic direction (`t` prunes old ones).
    this.version(4).stores({ [TABLES.watchlist]: 'id, hash', [TABLES.occupancy]: 'h, t' });
  }
}

let instance: GatelogDb | undefined;

/** The app's one database instance, opened on first use. */
export function getDb(): GatelogDb {
  instance ??= new GatelogDb();
  return instance;
}
