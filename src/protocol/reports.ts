import { z } from 'zod';
import { traceQuerySchema } from './trace';
import { idSchema, localDateSchema } from './console';

// Reports (issue #5): the province's monthly form, per unit: location QR codes and scans (+ distinct visitors).

export const reportQuerySchema = z.object({
  org: idSchema,
  /** Local days, inclusive. */
  from: localDateSchema,
  to: localDateSchema,
});
export type ReportQuery = z.infer<typeof reportQuerySchema>;

export const unitRowSchema = z.object({
  orgId: z.string(),
  name: z.string(),
  /** 0 for the org the report is for, 1 for its children, … */
  depth: z.number(),
  /** Sites (one location QR code each) existing at the end of the period, directly in this org. */
  locationCodes: z.number(),
  /** Check-ins at those sites in the period. */
  scans: z.number(),
  /** Distinct subjects among those check-ins. */
  visitors: z.number(),
});
export type UnitRow = z.infer<typeof unitRowSchema>;

export const unitReportSchema = z.object({
  orgId: z.string(),
  from: z.string(),
  to: z.string(),
  rows: z.array(unitRowSchema),
  /** Distinct visitors over the whole subtree (not the sum of the rows: one person may visit two units). */
  totals: z.object({ locationCodes: z.number(), scans: z.number(), visitors: z.number() }),
  /** Distinct visitors were estimated (±1.6 %) because the period holds too many scans to count them exactly. */
  visitorsEstimated: z.boolean().optional(),
});
export type UnitReport = z.infer<typeof unitReportSchema>;

export const dailyQuerySchema = z.object({
  org: idSchema.optional(),
  site: idSchema.optional(),
  from: localDateSchema,
  to: localDateSchema,
}).refine((q) => (q.org === undefined) !== (q.site === undefined), 'give exactly one of org, site');
export type DailyQuery = z.infer<typeof dailyQuerySchema>;
export const dailyScansSchema = z.object({ days: z.array(z.object({ day: z.string(), scans: z.number() })) });
export type DailyScans = z.infer<typeof dailyScansSchema>;

export const heatmapQuerySchema = z.object({ site: idSchema, from: localDateSchema, to: localDateSchema });
export type HeatmapQuery = z.infer<typeof heatmapQuerySchema>;
/** `cells[weekday][hour]`: weekday 0 = Monday … 6 = Sunday, local time. */
export const heatmapSchema = z.object({ siteId: z.string(), cells: z.array(z.array(z.number())) });
export type Heatmap = z.infer<typeof heatmapSchema>;

/** Languages of an export's column titles: the console sends its own (#10 item 12); Vietnamese when absent. */
export const EXPORT_LANGS = ['vi', 'en'] as const;
export type ExportLang = (typeof EXPORT_LANGS)[number];
export const exportLangQuerySchema = z.object({ lang: z.enum(EXPORT_LANGS).default('vi') });

export const TRACE_CSV_PARTS = ['visits', 'contacts'] as const;
export const traceCsvQuerySchema = traceQuerySchema.extend({ part: z.enum(TRACE_CSV_PARTS) }).extend(exportLangQuerySchema.shape);
export type TraceCsvQuery = z.infer<typeof traceCsvQuerySchema>;

/** The longest period a report may cover, in days (bounded work per request). */
export const MAX_REPORT_DAYS = 400;
