import { z } from 'zod';
import { ROSTER_ERROR_CODES } from './errors';

/** The console's side of rosters (issue #6): `POST /api/v1/sites/:id/roster` with the CSV file as the body. */
export const MAX_ROSTER_UPLOAD_BYTES = 5 * 1024 * 1024;

export const rosterImportQuerySchema = z.object({
  /** Preview only: report what would change and every malformed row. */
  dryRun: z.enum(['0', '1']).optional(),
  /** Apply the valid rows even when some rows are malformed. */
  skipInvalid: z.enum(['0', '1']).optional(),
});

/** A malformed row: `code` + `params` for the console to word (issue #11), `message` in English for the CLI. */
export const rosterImportErrorSchema = z.object({
  line: z.number().int().positive(),
  code: z.enum(ROSTER_ERROR_CODES),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  message: z.string(),
});
export type RosterImportError = z.infer<typeof rosterImportErrorSchema>;
/** At most this many rows are listed in a preview (changes first); the counts always cover the whole file. */
export const MAX_ROSTER_PREVIEW_ROWS = 200;

export const ROSTER_ROW_CHANGES = ['added', 'updated', 'removed', 'unchanged'] as const;
export const rosterPreviewRowSchema = z.object({
  change: z.enum(ROSTER_ROW_CHANGES),
  /** The file's line (absent for a removed entry, which is not in the file). */
  line: z.number().int().positive().optional(),
  code: z.string(),
  name: z.string(),
  group: z.string(),
  role: z.string(),
});
export type RosterPreviewRow = z.infer<typeof rosterPreviewRowSchema>;

export const rosterImportResultSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  removed: z.number().int(),
  unchanged: z.number().int(),
  errors: z.array(rosterImportErrorSchema),
  /** The rows as they would be (or were) applied, changes first, so the admin sees names, not only counts. */
  rows: z.array(rosterPreviewRowSchema),
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
