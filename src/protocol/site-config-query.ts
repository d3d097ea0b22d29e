import { z } from 'zod';

/**
 * Query of the site-config pull (`GET SITE_CONFIG_PATH?erasuresSince=`): erasure-list entries after this version
 * (issue #10). Only the server parses it (the kiosk writes the URL), so it stays out of the service worker's bundle.
 */
export const siteConfigQuerySchema = z.object({ erasuresSince: z.coerce.number().int().nonnegative().default(0) });
