import { z } from 'zod';
import { siteGateSchema } from './site-gate';

// Classic zod around the zod/mini gate schema (the kiosk's): the server and the console parse these (issue #16).

/** Body of `PUT /api/v1/sites/:id/gate` (org admins only). */
export const siteGateBodySchema = z.object({ gate: siteGateSchema });
export type SiteGateBody = z.infer<typeof siteGateBodySchema>;

/** Answer of `GET` and `PUT /api/v1/sites/:id/gate`. */
export const siteGateViewSchema = z.object({ siteId: z.string(), gate: siteGateSchema });
export type SiteGateView = z.infer<typeof siteGateViewSchema>;
