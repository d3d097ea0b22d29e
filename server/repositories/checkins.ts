import type { Direction, Visitor } from '../../src/protocol';
import type { StoredCheckIn } from '../../src/protocol/admin';
import { sql, type Expression, type SqlBool } from 'kysely';
import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import type { CheckinTable, Db } from '../db/schema';
import type { GateEvent as CheckinEvent } from '../trace/pair-visits';

/** The minimum the trace needs from a check-in: the pairing module's own event type. */
export type { CheckinEvent };

export interface TimeRange {
  /** Inclusive, epoch ms. */
  from?: number;
  /** Exclusive, epoch ms. */
  to?: number;
}

const EVENT_COLUMNS = ['id', 'site_id', 'subject', 'name', 'direction', 'seq', 'corrected_time'] as const;

const toEvent = (r: Pick<CheckinTable, (typeof EVENT_COLUMNS)[number]>): CheckinEvent => ({
  id: r.id,
  siteId: r.site_id,
  subject: r.subject,
  name: r.name,
  direction: r.direction as Direction,
  seq: r.seq,
  correctedTime: r.corrected_time,
});

/**
 * Anonymisation (retention and erasure, issue #6): the row stays, so scan counts in reports stay right, but
 * the name, every kept field and the visitor's key go. Only the kind is left in the visitor JSON.
 */
const ANONYMISED = {
  name: null,
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
});

function matchesSubject(subjectCol: Expression<string>, visitorCol: Expression<string>, subject: string): Expression<SqlBool> {
  return sql<SqlBool>`(${subjectCol} = ${subject}
    or ${visitorCol} like ${jsonFieldPattern('idNumber', subject)} escape '\\'
    or ${visitorCol} like ${jsonFieldPattern('phone', subject)} escape '\\')`;
}

/** Stored check-ins: idempotent batch insert by client id, and the indexed reads tracing needs. */
export function checkinsRepository(db: Db) {
  return {
    /**
     * Inserts a batch in ONE transaction with ON CONFLICT(id) DO NOTHING and returns the ids that were new.
     * Idempotent and safe when the same batch arrives twice at once (no check-then-insert).
     */
    async insertBatch(rows: readonly CheckinTable[]): Promise<Set<string>> {
      if (rows.length === 0) return new Set();
      const inserted = await db.transaction().execute((trx) =>
        trx
          .insertInto('checkin')
          .values([...rows])
          .onConflict((oc) => oc.column('id').doNothing())
          .returning('id')
          .execute(),
      );
      return new Set(inserted.map((r) => r.id));
    },

    /** Check-ins at the given sites in a time range, oldest first (uses the (site_id, corrected_time) index). */
    async listAtSites(siteIds: readonly string[], range: TimeRange, limit = 1000): Promise<StoredCheckIn[]> {
      if (siteIds.length === 0) return [];
      let q = db.selectFrom('checkin').selectAll().where('site_id', 'in', [...siteIds]);
      if (range.from !== undefined) q = q.where('corrected_time', '>=', range.from);
      if (range.to !== undefined) q = q.where('corrected_time', '<', range.to);
      const rows = await q.orderBy('corrected_time').orderBy('seq').orderBy('id').limit(limit).execute();
      return rows.map(toStored);
    },

    /** One subject's check-ins (uses the (subject, corrected_time) index), optionally limited to some sites. */
    async eventsOfSubject(subject: string, range: TimeRange, siteIds?: ReadonlySet<string>): Promise<CheckinEvent[]> {
      let q = db.selectFrom('checkin').select(EVENT_COLUMNS).where('subject', '=', subject);
      if (range.from !== undefined) q = q.where('corrected_time', '>=', range.from);
      if (range.to !== undefined) q = q.where('corrected_time', '<', range.to);
      const rows = await q.orderBy('corrected_time').orderBy('seq').orderBy('id').execute();
      const events = rows.map(toEvent);
      return siteIds ? events.filter((e) => siteIds.has(e.siteId)) : events;
    },

    /**
     * A site's live log, newest first: optional time range, direction and a case-insensitive substring of the
     * name or subject (LIKE with escaped wildcards; lower() on both sides works the same on both engines).
     */
    async siteLog(
      siteId: string,
      filter: TimeRange & { direction?: Direction; text?: string },
      limit = 500,
    ): Promise<StoredCheckIn[]> {
      let q = db.selectFrom('checkin').selectAll().where('site_id', '=', siteId);
      if (filter.from !== undefined) q = q.where('corrected_time', '>=', filter.from);
      if (filter.to !== undefined) q = q.where('corrected_time', '<', filter.to);
      if (filter.direction !== undefined) q = q.where('direction', '=', filter.direction);
      if (filter.text) {
        const pattern = `%${filter.text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        q = q.where((eb) =>
          eb.or([
            sql<boolean>`lower(${eb.ref('name')}) like ${pattern} escape '\\'`,
            sql<boolean>`lower(${eb.ref('subject')}) like ${pattern} escape '\\'`,
          ]),
        );
      }
      const rows = await q.orderBy('corrected_time', 'desc').orderBy('seq', 'desc').orderBy('id', 'desc').limit(limit).execute();
      return rows.map(toStored);
    },

    /** Per org (of the check-in's site): scans and distinct subjects at these sites in [from, to). */
    async countByOrg(siteIds: readonly string[], range: Required<TimeRange>): Promise<Map<string, { scans: number; visitors: number }>> {
      if (siteIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('checkin')
        .innerJoin('site', 'site.id', 'checkin.site_id')
        .select((eb) => [
          'site.org_id as orgId',
          eb.fn.countAll().as('scans'),
          // Anonymised rows still count as scans, never as a visitor.
          sql<number>`count(distinct case when ${eb.ref('checkin.subject')} <> ${PURGED_SUBJECT} then ${eb.ref('checkin.subject')} end)`.as('visitors'),
        ])
        .where('checkin.site_id', 'in', [...siteIds])
        .where('checkin.corrected_time', '>=', range.from)
        .where('checkin.corrected_time', '<', range.to)
        .groupBy('site.org_id')
        .execute();
      return new Map(rows.map((r) => [r.orgId, { scans: Number(r.scans), visitors: Number(r.visitors) }]));
    },

    /** Distinct subjects at these sites in [from, to). */
    async countDistinctSubjects(siteIds: readonly string[], range: Required<TimeRange>): Promise<number> {
      if (siteIds.length === 0) return 0;
      const row = await db
        .selectFrom('checkin')
        .select((eb) => eb.fn.count('subject').distinct().as('n'))
        .where('site_id', 'in', [...siteIds])
        .where('subject', '<>', PURGED_SUBJECT)
        .where('corrected_time', '>=', range.from)
        .where('corrected_time', '<', range.to)
        .executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    /** Just the times of check-ins at these sites in [from, to), for charts bucketed by local day and hour. */
    async timesAtSites(siteIds: readonly string[], range: Required<TimeRange>): Promise<number[]> {
      if (siteIds.length === 0) return [];
      const rows = await db
        .selectFrom('checkin')
        .select('corrected_time')
        .where('site_id', 'in', [...siteIds])
        .where('corrected_time', '>=', range.from)
        .where('corrected_time', '<', range.to)
        .execute();
      return rows.map((r) => Number(r.corrected_time));
    },

    /** Anonymises a site's check-ins older than `before` (retention); returns how many rows changed. */
    async anonymiseBefore(siteId: string, before: number): Promise<number> {
      const r = await db
        .updateTable('checkin')
        .set(ANONYMISED)
        .where('site_id', '=', siteId)
        .where('corrected_time', '<', before)
        .where('subject', '<>', PURGED_SUBJECT)
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /**
     * Check-ins at these sites that belong to `subject`: keyed by it, or carrying it as the ID number or phone
     * (a pass or a manual entry of the same person). For data requests, so a full scan of those sites is fine.
     */
    async ofSubject(subject: string, siteIds: readonly string[]): Promise<StoredCheckIn[]> {
      if (siteIds.length === 0 || subject === PURGED_SUBJECT) return [];
      const rows = await db
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
      const r = await db
        .updateTable('checkin')
        .set(ANONYMISED)
        .where('site_id', 'in', [...siteIds])
        .where((eb) => matchesSubject(eb.ref('subject'), eb.ref('visitor'), subject))
        .executeTakeFirst();
      return Number(r.numUpdatedRows);
    },

    /** Everyone's check-ins at one site in [from, to) (uses the (site_id, corrected_time) index). */
    async eventsAtSite(siteId: string, range: Required<TimeRange>): Promise<CheckinEvent[]> {
      const rows = await db
        .selectFrom('checkin')
        .select(EVENT_COLUMNS)
        .where('site_id', '=', siteId)
        .where('corrected_time', '>=', range.from)
        .where('corrected_time', '<', range.to)
        .orderBy('corrected_time')
        .orderBy('seq')
        .orderBy('id')
        .execute();
      return rows.map(toEvent);
    },
  };
}
export type CheckinsRepository = ReturnType<typeof checkinsRepository>;
