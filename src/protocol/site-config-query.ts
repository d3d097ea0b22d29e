import { z } from 'zod';

/**
 * Query of the site-config pull (`GET SITE_CONFIG_PATH?erasuresSince=`): erasure-list entries after this version
 * (issue #10). Only the server parses it (the kiosk writes the URL), so it stays out of the service worker's bundle.
 */
export const siteConfigQuerySchema = z.object({
  erasuresSince: z.coerce.number().int().nonnegative().default(0),
  /** The occupancy delta's cursor (issue #16): the `nextSince` of the kiosk's last answer, 0 for a first pull. */
  occupancySince: z.coerce.number().int().nonnegative().max(8.64e15).default(0),
});
