import { z } from 'zod';
import { siteGateSchema } from './site-gate';

/** Body of `PUT /api/v1/sites/:id/gate` (issue #16). Classic zod around the zod/mini schema: the server parses it. */
export const siteGateBodySchema = z.object({ gate: siteGateSchema });
export type SiteGateBody = z.infer<typeof siteGateBodySchema>;
