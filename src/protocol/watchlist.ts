import { z } from 'zod';
import { MAX_WATCHLIST_REASON, MAX_WATCHLIST_SUBJECT, normaliseWatchlistSubject, WATCHLIST_ACTIONS, WATCHLIST_KINDS } from './watchlist-subject';
import { NO_NUL, hasNoNul } from './text';

// The console's watchlist API (issue #16): an organisation admin's list of people to refuse or to alert on.

export const watchlistEntrySchema = z.object({
  id: z.string(),
  orgId: z.string(),
  kind: z.enum(WATCHLIST_KINDS),
  /** The canonical subject (normaliseWatchlistSubject); the server keeps it so admins can read the list. */
  subject: z.string(),
  reason: z.string(),
  action: z.enum(WATCHLIST_ACTIONS),
  createdAt: z.number(),
  updatedAt: z.number(),
  /** Matches reported by kiosks (refused attempts and alerts), and the last one's time. */
  hits: z.number(),
  lastHitAt: z.number().nullable(),
});
export type WatchlistEntry = z.infer<typeof watchlistEntrySchema>;

export const watchlistListSchema = z.object({ entries: z.array(watchlistEntrySchema) });
export type WatchlistList = z.infer<typeof watchlistListSchema>;

const reasonSchema = z.string().trim().min(1).max(MAX_WATCHLIST_REASON).refine(hasNoNul, NO_NUL);

export const createWatchlistEntrySchema = z
  .object({
    kind: z.enum(WATCHLIST_KINDS),
    subject: z.string().max(MAX_WATCHLIST_SUBJECT),
    reason: reasonSchema,
    action: z.enum(WATCHLIST_ACTIONS),
  })
  // A subject must parse as its kind (a CCCD has 12 digits, …): the error names the field.
  .refine((b) => normaliseWatchlistSubject(b.kind, b.subject) !== null, { path: ['subject'], message: 'not valid for its kind' });
export type CreateWatchlistEntry = z.infer<typeof createWatchlistEntrySchema>;

/** A change of the reason or the action; a different subject is a new entry. */
export const updateWatchlistEntrySchema = z
  .object({ reason: reasonSchema.optional(), action: z.enum(WATCHLIST_ACTIONS).optional() })
  .refine((b) => b.reason !== undefined || b.action !== undefined, 'nothing to change');
export type UpdateWatchlistEntry = z.infer<typeof updateWatchlistEntrySchema>;

/** GET /sync/watchlist?have=: the version the kiosk holds (an unchanged list is answered without its entries). */
export const watchlistQuerySchema = z.object({ have: z.string().max(128).optional() });
