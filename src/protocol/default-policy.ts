import type { SitePolicy } from './site-policy';
import { DEFAULT_KEPT_FIELDS } from './visitor-limits';

/** A site's policy until an admin changes it. In a zod-free module: the kiosk shell reads it (issue #11). */
export const DEFAULT_POLICY: SitePolicy = { keptFields: [...DEFAULT_KEPT_FIELDS], retentionDays: 30 };
