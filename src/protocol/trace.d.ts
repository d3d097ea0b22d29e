import { z } from 'zod';
export declare const traceQuerySchema: z.ZodObject<{
    subject: z.ZodString;
    from: z.ZodOptional<z.ZodISODateTime>;
    to: z.ZodOptional<z.ZodISODateTime>;
}, z.core.$strip>;
export type TraceQuery = z.infer<typeof traceQuerySchema>;
/** One stay at a site: an IN paired with the next OUT of the same subject there; no OUT = open to end of day. */
export interface Visit {
    siteId: string;
    siteName: string;
    subject: string;
    name?: string;
    /** ISO times (corrected clock). */
    timeIn: string;
    timeOut: string | null;
    /** Where an open visit is taken to end (end of that day) for overlap. */
    effectiveOut: string;
}
export interface Contact {
    subject: string;
    name?: string;
    siteId: string;
    siteName: string;
    timeIn: string;
    timeOut: string | null;
    overlapStart: string;
    overlapEnd: string;
    overlapSeconds: number;
}
export interface TraceResult {
    subject: string;
    visits: Visit[];
    contacts: Contact[];
}
