import * as z from 'zod/mini';
import { PERSONAL_FIELDS } from './visitor-limits';

/**
 * What a site keeps about its visitors, delivered to kiosks at enrolment and on sync. zod/mini: the kiosk's service
 * worker parses it (issue #11: classic zod would be a quarter of the service worker).
 */
export const sitePolicySchema = z.object({
  keptFields: z.array(z.enum(PERSONAL_FIELDS)),
  retentionDays: z.int().check(z.minimum(1), z.maximum(3650)),
});
export type SitePolicy = z.infer<typeof sitePolicySchema>;
