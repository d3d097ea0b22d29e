import { z } from 'zod';

/** Contacts per page when the request does not say (a port's crew member can have thousands). */
export const TRACE_PAGE_DEFAULT = 100;
export const TRACE_PAGE_MAX = 1000;

/**
 * POST /api/v1/trace body. The subject travels in the body, never the URL (issue #10: URLs reach logs).
 * PostgreSQL text cannot hold NUL: refused here as a 400, not a 500.
 */
export const traceQuerySchema = z.object({
  subject: z.string().min(1).max(512).refine((s) => !s.includes('\u0000'), 'must not contain NUL'),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(TRACE_PAGE_MAX).optional(),
  /** `nextCursor` of the previous page. */
  cursor: z.string().max(2048).optional(),
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

/** One of a contact's visits that overlapped one of the traced subject's visits. */
export const contactVisitSchema = z.object({
  siteId: z.string(),
  siteName: z.string(),
  timeIn: z.string(),
  timeOut: z.string().nullable(),
  overlapStart: z.string(),
  overlapEnd: z.string(),
  overlapSeconds: z.number(),
});
export type ContactVisit = z.infer<typeof contactVisitSchema>;

/** One person who was with the subject: total overlap over all their visits, and those visits. */
export const contactSchema = z.object({
  subject: z.string(),
  name: z.string().optional(),
  overlapSeconds: z.number(),
  visits: z.array(contactVisitSchema),
});
export type Contact = z.infer<typeof contactSchema>;

export const traceResultSchema = z.object({
  subject: z.string(),
  visits: z.array(visitSchema),
  /** One page, longest total overlap first. */
  contacts: z.array(contactSchema),
  /** Contacts in all pages. */
  totalContacts: z.number(),
  /** Pass back as `cursor` for the next page; null on the last. */
  nextCursor: z.string().nullable(),
});
export type TraceResult = z.infer<typeof traceResultSchema>;
