import { z } from 'zod';

/** The console's side of rosters (issue #6): `POST /api/v1/sites/:id/roster` with the CSV file as the body. */
export const MAX_ROSTER_UPLOAD_BYTES = 5 * 1024 * 1024;

export const rosterImportQuerySchema = z.object({
  /** Preview only: report what would change and every malformed row. */
  dryRun: z.enum(['0', '1']).optional(),
  /** Apply the valid rows even when some rows are malformed. */
  skipInvalid: z.enum(['0', '1']).optional(),
});

export const rosterImportErrorSchema = z.object({ line: z.number().int().positive(), message: z.string() });
export const rosterImportResultSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(rosterImportErrorSchema),
  /** Whether the import changed the roster (false for a dry run, or when errors stopped it). */
  applied: z.boolean(),
  /** How the file was read: utf-8, utf-16le, utf-16be or windows-1258. */
  encoding: z.string(),
});
export type RosterImportResult = z.infer<typeof rosterImportResultSchema>;

export const rosterListSchema = z.object({
  entries: z.array(z.object({ code: z.string(), name: z.string(), group: z.string(), role: z.string() })),
  version: z.number().int().nonnegative(),
});
export type RosterList = z.infer<typeof rosterListSchema>;
