import { z } from 'zod';

/** A school's or port's list of known people, uploaded as CSV and synced down to the site's kiosks (issue #6). */
export const ROSTER_PATH = '/api/v1/sync/roster';
export const ROSTER_PAGE_SIZE = 1000;

export const ROSTER_ROLES = ['student', 'staff', 'crew', 'visitor', 'other'] as const;

/** One person on a roster, keyed by the code printed on their badge. */
export const rosterEntrySchema = z.object({
  code: z.string().min(1).max(128),
  name: z.string().min(1).max(120),
  /** Class, group or department ("10A1", "Tổ bảo vệ"). */
  group: z.string().max(60).default(''),
  role: z.string().max(30).default(''),
  /** Monotonic per site: the version at which this entry last changed. */
  version: z.number().int().positive(),
  /** Removed from the roster at `version` (kept as a tombstone so kiosks drop it too). */
  deleted: z.boolean().default(false),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

/** `GET ROSTER_PATH?since=V`: entries changed after version V, oldest change first, one page at a time. */
export const rosterQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(ROSTER_PAGE_SIZE).default(ROSTER_PAGE_SIZE),
});
export const rosterPageSchema = z.object({
  entries: z.array(rosterEntrySchema),
  /** The version to ask `since` next; equals the site's roster version when `more` is false. */
  nextSince: z.number().int().nonnegative(),
  more: z.boolean(),
});
export type RosterPage = z.infer<typeof rosterPageSchema>;
