import type { CheckinOutcome, Direction, Visitor } from '../../src/protocol';
import type { StoredCheckIn } from '../../src/protocol/admin';
import { sql, type Expression, type SqlBool, type Transaction } from 'kysely';
import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import { foldText } from '../../src/domain/fold-text';
import type { CheckinTable, DB, Db } from '../db/schema';
import { shapedChunks } from '../db/chunks';
import { applyNewCheckins, forgetCheckins, isVisit, keysOf, refreshKeys } from './read-side';

/** Rows anonymised per transaction by the retention purge. */
const PURGE_SLICE = 5000;

/** 16 columns (with name_folded, outcome, watchlist_id) × 1,024 rows stays inside SQLite's 32,766 bound parameters. */
const ROWS_PER_INSERT = 1024;

export interface TimeRange {
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
}

/**
 * Anonymisation (retention and erasure, issue #6): the row stays, so scan counts in reports stay right, but
 * the name, every kept field and the visitor's key go. Only the kind is left in the visitor JSON.
 */
const ANONYMISED = {
  name: null,
  name_folded: null,
  subject: PURGED_SUBJECT,
  visitor: sql<string>`'{"kind":"' || kind || '","subject":"${sql.raw(PURGED_SUBJECT)}"}'`,
} as const;

/** `"field":"value"` as JSON.stringify writes it into the visitor column, as a LIKE pattern. */
const jsonFieldPattern = (field: string, value: string) => `%${JSON.stringify({ [field]: value }).slice(1, -1).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

const toStored = (r: CheckinTable): StoredCheckIn => ({
  id: r.id,
  deviceId: r.device_id,
  siteId: r.site_id,
  seq: r.seq,
  direction: r.direction as Direction,
  visitor: { ...(JSON.parse(r.visitor) as Partial<Visitor>), kind: r.kind as Visitor['kind'], subject: r.subject },
  deviceTime: r.device_time,
  receivedAt: r.received_at,
  correctedTime: r.corrected_time,
  ...(r.time_flag ? { timeFlag: r.time_flag } : {}),
  ...(r.outcome ? { outcome: r.outcome as CheckinOutcome } : {}),
  ...(r.watchlist_id ? { watchlistId: r.watchlist_id } : {}),
});

/**
 * An already folded text (a `*_folded` column, `gatelog_fold(x)` or `lower(x)`) contains every word of `text`
 * ("nguyen tuyet" finds "Nguyễn Thị Ánh Tuyết"), each folded and matched with LIKE, wildcards escaped.
 */
export function containsFoldedWords(folded: Expression<string | null>, text: string): Expression<SqlBool> {
  const words = foldText(text).split(/\s+/).filter(Boolean);
  const likes = words.map((w) => sql<SqlBool>`${folded} like ${`%${w.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} escape '\\'`);
  return likes.length ? sql<SqlBool>`(${sql.join(likes, sql` and `)})` : sql<SqlBool>`1 = 1`;
}

function matchesSubject(subjectCol: Expression<string>, visitorCol: Expression<string>, subject: string): Expression<SqlBool> {
  return sql<SqlBool>`(${subjectCol} = ${subject}
    or ${visitorCol} like ${jsonFieldPattern('idNumber', subject)} escape '\\'
    or ${visitorCol} like ${jsonFieldPattern('phone', subject)} escape '\\')`;
}

/** Runs in the insert's transaction with the rows that were new (the webhook outbox, issue #16). */
export type InsertedHook = (trx: Transaction<DB>, inserted: readonly CheckinTable[]) => Promise<void>;

/** Stored check-ins: idempotent batch insert by client id, and the indexed reads tracing needs. */
export function checkinsRepository(db: Db, timeZone: string, readDb: Db = db) {
  return {
    /**
     * Inserts a batch in ONE transaction with ON CONFLICT(id) DO NOTHING and returns the ids that were new.
     * Idempotent and safe when the same batch arrives twice at once (no check-then-insert). The read side
     * (visits, counts) is brought up to date in the same transaction, from the rows that were new.
     */
    async insertBatch(rows: readonly CheckinTable[], onInserted?: InsertedHook): Promise<Set<string>> {
      if (rows.length === 0) return new Set();
      // The folded name is written here, with the row, so callers never build it (issue #11, migration 008).
      const stored = rows.map((r) => ({ ...r, name_folded: r.name === null ? null : foldText(r.name) }));
      return db.transaction().execute(async (trx) => {
        const inserted = new Set<string>();
        for (const chunk of shapedChunks(stored, ROWS_PER_INSERT)) {
          const ids = await trx.insertInto('checkin').values(chunk).onConflict((oc) => oc.column('id').doNothing()).returning('id').execute();
          for (const r of ids) inserted.add(r.id);
        }
        const fresh = rows.filter((r) => inserted.has(r.id));
        await applyNewCheckins(trx, fresh, timeZone);
        if (onInserted && fresh.length > 0) await onInserted(trx, fresh);
        return inserted;
      });
    },

    /**
     * Applies direction corrections a kiosk sent again with a higher revision (issue #16): each changes the stored
     * row only when it comes from the device that stored it and its revision is higher than the row's, so a resend
     * or an older revision arriving late changes nothing (exactly once, in order). The read side is re-paired in the
     * same transaction. Returns the ids that changed.
     */
    async correctDirections(
      corrections: ReadonlyArray<{ id: string; deviceId: string; direction: Direction; revision: number }>,
      now = Date.now(),
    ): Promise<Set<string>> {
      if (corrections.length === 0) return new Set();
      return db.transaction().execute(async (trx) => {
        const changed: Array<Pick<CheckinTable, 'id' | 'subject' | 'corrected_time'>> = [];
        for (const c of corrections) {
          const row = await trx
            .updateTable('checkin')
            .set({ direction: c.direction, direction_revision: c.revision, direction_changed_at: now })
            .where('id', '=', c.id)
            .where('device_id', '=', c.deviceId)
            .where('direction_revision', '<', c.revision)
            .returning(['id', 'subject', 'corrected_time'])
            .executeTakeFirst();
          if (row) changed.push(row);
        }
        await refreshKeys(trx, keysOf(changed, timeZone), timeZone);
        return new Set(changed.map((r) => r.id));
      });
    },

    /**
     * The latest passage per visitor at a site among check-ins received, or corrected, at or after `since`, from
     * other kiosks than `exceptDevice` and placed at or after `notBefore` (issue #16: the occupancy delta). At most
     * `limit` rows are read per cursor; `full` says the limit was reached (the rest comes with the next pull).
     */
    async passagesSince(
      siteId: string,
      exceptDevice: string,
      since: number,
      notBefore: number,
      limit: number,
    ): Promise<{ passages: Array<{ subject: string; direction: Direction; time: number; receivedAt: number }>; full: boolean }> {
      const base = () =>
        db
          .selectFrom('checkin')
          .select(['subject', 'direction', 'corrected_time', 'received_at'])
          .where('site_id', '=', siteId)
          .where('device_id', '<>', exceptDevice)
          .where('subject', '<>', PURGED_SUBJECT)
          .where(isVisit) // a refused attempt (watchlist) never came in
          .where('corrected_time', '>=', notBefore);
      const received = await base().where('received_at', '>=', since).orderBy('received_at').limit(limit).execute();
      const corrected = await base().where('direction_changed_at', '>=', since).orderBy('direction_changed_at').limit(limit).execute();
      const latest = new Map<string, { subject: string; direction: Direction; time: number; receivedAt: number }>();
      for (const r of [...received, ...corrected]) {
        const time = Number(r.corrected_time);
        const seen = latest.get(r.subject);
        if (!seen || time >= seen.time) latest.set(r.subject, { subject: r.subject, direction: r.direction as Direction, time, receivedAt: Number(r.received_at) });
      }
      return { passages: [...latest.values()], full: received.length === limit || corrected.length === limit };
    },

    /** The device that stored each of these ids (to tell a resend from an id another kiosk already used). */
    async devicesOf(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('checkin').select(['id', 'device_id']).where('id', 'in', [...ids]).execute();
      return new Map(rows.map((r) => [r.id, r.device_id]));
    },

    /** Check-ins at the given sites in a time range, oldest first (uses the (site_id, corrected_time) index). */
    async listAtSites(siteIds: readonly string[], range: TimeRange, limit = 1000): Promise<StoredCheckIn[]> {
      if (siteIds.length === 0) return [];
      let q = readDb.selectFrom('checkin').selectAll().where('site_id', 'in', [...siteIds]);
      if (range.from !== undefined) q = q.where('corrected_time', '>=', range.from);
      if (range.to !== undefined) q = q.where('corrected_time', '<', range.to);
      const rows = await q.orderBy('corrected_time').orderBy('seq').orderBy('id').limit(limit).execute();
      return rows.map(toStored);
    },

    /**
     * A site's live log, newest first: optional time range, direction and words of the name or subject matched
     * without tones or case ("tuyet" finds "Tuyết"; the stored name_folded column, migration 008).
     */
    async siteLog(
      siteId: string,
      filter: TimeRange & { direction?: Direction; text?: string },
      limit = 500,
    ): Promise<StoredCheckIn[]> {
      let q = readDb.selectFrom('checkin').selectAll().where('site_id', '=', siteId);
      if (filter.from !== undefined) q = q.where('corrected_time', '>=', filter.from);
      if (filter.to !== undefined) q = q.where('corrected_time', '<', filter.to);
      if (filter.direction !== undefined) q = q.where('direction', '=', filter.direction);
      if (filter.text) {
        const text = filter.text;
        // Codes are ASCII in practice: lower() keeps the subject side native too.
        q = q.where((eb) => eb.or([containsFoldedWords(eb.ref('name_folded'), text), containsFoldedWords(sql`lower(${eb.ref('subject')})`, text)]));
      }
      const rows = await q.orderBy('corrected_time', 'desc').orderBy('seq', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toStored);
    },

    /** Anonymises a site's check-ins older than `before` (retention); returns how many rows changed. */
    async anonymiseBefore(siteId: string, before: number): Promise<number> {
      // In slices of a few thousand rows, each its own short transaction: a first purge of a year of data
      // must not hold SQLite's write lock (and every kiosk push) for minutes.
      let total = 0;
      for (;;) {
        const changed = await db.transaction().execute(async (trx) => {
          const rows = await trx
            .selectFrom('checkin')
            .select(['id', 'site_id', 'subject', 'corrected_time'])
            .where('site_id', '=', siteId)
            .where('corrected_time', '<', before)
            .where('subject', '<>', PURGED_SUBJECT)
            .limit(PURGE_SLICE)
            .execute();
          if (rows.length === 0) return 0;
          const ids = rows.map((r) => r.id);
          for (const chunk of shapedChunks(ids, 512)) await trx.updateTable('checkin').set(ANONYMISED).where('id', 'in', chunk).execute();
          // Their visits go (or shrink to what is left of that day); scan counts stay.
          await forgetCheckins(trx, rows, timeZone);
          return rows.length;
        });
        total += changed;
        if (changed < PURGE_SLICE) return total;
      }
    },

    /**
     * Check-ins at these sites that belong to `subject`: keyed by it, or carrying it as the ID number or phone
     * (a pass or a manual entry of the same person). For data requests, so a full scan of those sites is fine.
     */
    async ofSubject(subject: string, siteIds: readonly string[]): Promise<StoredCheckIn[]> {
      if (siteIds.length === 0 || subject === PURGED_SUBJECT) return [];
      const rows = await readDb
        .selectFrom('checkin')
        .selectAll()
        .where('site_id', 'in', [...siteIds])
        .where((eb) => matchesSubject(eb.ref('subject'), eb.ref('visitor'), subject))
        .orderBy('corrected_time')
        .orderBy('id')
        .execute();
      return rows.map(toStored);
    },

    /** Anonymises everything `ofSubject` finds (an erasure); returns how many rows changed. */
    async anonymiseSubject(subject: string, siteIds: readonly string[]): Promise<number> {
      if (siteIds.length === 0 || subject === PURGED_SUBJECT) return 0;
      return db.transaction().execute(async (trx) => {
        const rows = await trx
          .selectFrom('checkin')
          .select(['site_id', 'subject', 'corrected_time'])
          .where('site_id', 'in', [...siteIds])
          .where((eb) => matchesSubject(eb.ref('subject'), eb.ref('visitor'), subject))
          .execute();
        if (rows.length === 0) return 0;
        const r = await trx
          .updateTable('checkin')
          .set(ANONYMISED)
          .where('site_id', 'in', [...siteIds])
          .where((eb) => matchesSubject(eb.ref('subject'), eb.ref('visitor'), subject))
          .executeTakeFirst();
        // The erased person leaves the visits, the daily visitors and the sketches (so every trace and contact list).
        await forgetCheckins(trx, rows, timeZone);
        return Number(r.numUpdatedRows);
      });
    },

  };
}
export type CheckinsRepository = ReturnType<typeof checkinsRepository>;
