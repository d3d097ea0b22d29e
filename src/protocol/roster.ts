import { z } from 'zod';
import { ROSTER_PAGE_SIZE } from './roster-page';

// The roster's wire types live in roster-page.ts (zod/mini, parsed by the kiosk, issue #11), re-exported here.
export * from './roster-page';

/** `GET ROSTER_PATH?since=V`: entries changed after version V, oldest change first, one page at a time. */
export const rosterQuerySchema = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  limit: z.coerce.number().int().min(1).max(ROSTER_PAGE_SIZE).default(ROSTER_PAGE_SIZE),
});
