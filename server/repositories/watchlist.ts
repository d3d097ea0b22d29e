import { sql } from 'kysely';
import type { WatchlistAction, WatchlistKind } from '../../src/protocol/watchlist-subject';
import type { WatchlistEntry } from '../../src/protocol/watchlist';
import type { Db, WatchlistEntryTable } from '../db/schema';
import { newId } from '../lib/secrets';
import { ancestorsCte } from './org-tree';

const toEntry = (r: WatchlistEntryTable): WatchlistEntry => ({
  id: r.id,
  orgId: r.org_id,
  kind: r.kind as WatchlistKind,
  subject: r.subject,
  reason: r.reason,
  action: r.action as WatchlistAction,
  createdAt: Number(r.created_at),
  updatedAt: Number(r.updated_at),
  hits: Number(r.hits),
  lastHitAt: r.last_hit_at === null ? null : Number(r.last_hit_at),
});

export interface NewWatchlistEntry {
  orgId: string;
  kind: WatchlistKind;
  /** Canonical (normaliseWatchlistSubject). */
  subject: string;
  subjectHash: string;
  iterations: number;
  reason: string;
  action: WatchlistAction;
}

/** What a kiosk receives of an entry: never the subject. */
export interface KioskWatchlistRow {
  id: string;
  kind: WatchlistKind;
  orgId: string;
  subjectHash: string;
  iterations: number;
  action: WatchlistAction;
  reason: string;
  updatedAt: number;
}

/** Organisations' watchlists (issue #16). */
export function watchlistRepository(db: Db) {
  return {
    /** An organisation's own entries, newest first. */
    async listByOrg(orgId: string): Promise<WatchlistEntry[]> {
      const rows = await db.selectFrom('watchlist_entry').selectAll().where('org_id', '=', orgId).orderBy('created_at', 'desc').orderBy('id').execute();
      return rows.map(toEntry);
    },

    async get(id: string): Promise<WatchlistEntry | undefined> {
      const row = await db.selectFrom('watchlist_entry').selectAll().where('id', '=', id).executeTakeFirst();
      return row && toEntry(row);
    },

    /** Adds an entry; undefined when the organisation already lists this subject (kind + value). */
    async create(input: NewWatchlistEntry, now = Date.now()): Promise<WatchlistEntry | undefined> {
      const row: WatchlistEntryTable = {
        id: newId('wl'),
        org_id: input.orgId,
        kind: input.kind,
        subject: input.subject,
        subject_hash: input.subjectHash,
        iterations: input.iterations,
        reason: input.reason,
        action: input.action,
        created_at: now,
        updated_at: now,
        hits: 0,
        last_hit_at: null,
      };
      const inserted = await db
        .insertInto('watchlist_entry')
        .values(row)
        .onConflict((oc) => oc.columns(['org_id', 'kind', 'subject']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return inserted ? toEntry(row) : undefined;
    },

    async update(id: string, change: { reason?: string; action?: WatchlistAction }, now = Date.now()): Promise<WatchlistEntry | undefined> {
      await db
        .updateTable('watchlist_entry')
        .set({ ...(change.reason !== undefined ? { reason: change.reason } : {}), ...(change.action !== undefined ? { action: change.action } : {}), updated_at: now })
        .where('id', '=', id)
        .execute();
      return this.get(id);
    },

    async remove(id: string): Promise<boolean> {
      const r = await db.deleteFrom('watchlist_entry').where('id', '=', id).executeTakeFirst();
      return Number(r.numDeletedRows) > 0;
    },

    /** Every entry that applies at a site of `orgId`: its own and those of every organisation above it. */
    async applicableTo(orgId: string): Promise<KioskWatchlistRow[]> {
      const { rows: orgs } = await sql<{ id: string }>`WITH RECURSIVE ${ancestorsCte(orgId)} SELECT DISTINCT id FROM ancestors`.execute(db);
      if (orgs.length === 0) return [];
      const rows = await db
        .selectFrom('watchlist_entry')
        .select(['id', 'org_id', 'kind', 'subject_hash', 'iterations', 'action', 'reason', 'updated_at'])
        .where('org_id', 'in', orgs.map((o) => o.id))
        .orderBy('id')
        .execute();
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind as WatchlistKind,
        orgId: r.org_id,
        subjectHash: r.subject_hash,
        iterations: Number(r.iterations),
        action: r.action as WatchlistAction,
        reason: r.reason,
        updatedAt: Number(r.updated_at),
      }));
    },

    /** Counts matches reported by kiosks: each entry's hits grow, its last hit is the latest time seen. */
    async recordHits(hits: ReadonlyArray<{ id: string; at: number }>): Promise<void> {
      const byId = new Map<string, { n: number; at: number }>();
      for (const h of hits) {
        const seen = byId.get(h.id);
        byId.set(h.id, { n: (seen?.n ?? 0) + 1, at: Math.max(seen?.at ?? 0, h.at) });
      }
      for (const [id, { n, at }] of byId) {
        await db
          .updateTable('watchlist_entry')
          .set((eb) => ({
            hits: eb('hits', '+', n),
            last_hit_at: sql<number>`case when last_hit_at is null or last_hit_at < ${at} then ${at} else last_hit_at end`,
          }))
          .where('id', '=', id)
          .execute();
      }
    },

    /** The reasons of these entries, for the live log (entries removed since are missing). */
    async reasonsOf(ids: readonly string[]): Promise<Map<string, string>> {
      if (ids.length === 0) return new Map();
      const rows = await db.selectFrom('watchlist_entry').select(['id', 'reason']).where('id', 'in', [...new Set(ids)]).execute();
      return new Map(rows.map((r) => [r.id, r.reason]));
    },
  };
}
export type WatchlistRepository = ReturnType<typeof watchlistRepository>;
