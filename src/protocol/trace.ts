import { z } from 'zod';

export const traceQuerySchema = z.object({
  subject: z.string().min(1).max(512),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export type TraceQuery = z.infer<typeof traceQuerySchema>;

/** One stay at a site: an IN paired with the next OUT of the same subject there; no OUT = open to end of day. */
export const visitSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  subject: z.string(),
  name: z.string().optional(),
  /** ISO times (corrected clock). */
  timeIn: z.string(),
  timeOut: z.string().nullable(),
  /** Where an open visit is taken to end (end of that day) for overlap. */
  effectiveOut: z.string(),
});
export type Visit = z.infer<typeof visitSchema>;

export const contactSchema = z.object({
  subject: z.string(),
  name: z.string().optional(),
  siteId: z.string(),
  siteName: z.string(),
  timeIn: z.string(),
  timeOut: z.string().nullable(),
  overlapStart: z.string(),
  overlapEnd: z.string(),
  overlapSeconds: z.number(),
});
export type Contact = z.infer<typeof contactSchema>;

export const traceResultSchema = z.object({ subject: z.string(), visits: z.array(visitSchema), contacts: z.array(contactSchema) });
export type TraceResult = z.infer<typeof traceResultSchema>;
