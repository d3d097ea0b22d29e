import * as z from 'zod/mini';

// zod/mini: the kiosk's service worker parses roster pages after each push (issue #11).

/** A school's or port's list of known people, uploaded as CSV and synced down to the site's kiosks (issue #6). */
export const ROSTER_PATH = '/api/v1/sync/roster';
export const ROSTER_PAGE_SIZE = 1000;

export const ROSTER_ROLES = ['student', 'staff', 'crew', 'visitor', 'other'] as const;

/** One person on a roster, keyed by the code printed on their badge. */
export const rosterEntrySchema = z.object({
  code: z.string().check(z.minLength(1), z.maxLength(128)),
  name: z.string().check(z.minLength(1), z.maxLength(120)),
  /** Class, group or department ("10A1", "Tổ bảo vệ"). */
  group: z._default(z.string().check(z.maxLength(60)), ''),
  role: z._default(z.string().check(z.maxLength(30)), ''),
  /** Monotonic per site: the version at which this entry last changed. */
  version: z.int().check(z.minimum(1)),
  /** Removed from the roster at `version` (kept as a tombstone so kiosks drop it too). */
  deleted: z._default(z.boolean(), false),
});
export type RosterEntry = z.infer<typeof rosterEntrySchema>;

export const rosterPageSchema = z.object({
  entries: z.array(rosterEntrySchema),
  /** The version to ask `since` next; equals the site's roster version when `more` is false. */
  nextSince: z.int().check(z.minimum(0)),
  more: z.boolean(),
});
export type RosterPage = z.infer<typeof rosterPageSchema>;
