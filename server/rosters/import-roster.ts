import type { RosterImportResult } from '../../src/protocol/roster-import';
import type { Repositories } from '../repositories';
import { parseRosterCsv } from './parse-roster-csv';
import { planRosterImport } from './plan-roster-import';

export interface ImportOptions {
  /** Report only; change nothing. */
  dryRun?: boolean;
  /** Apply the valid rows even if some rows are malformed (otherwise any error stops the import). */
  skipInvalid?: boolean;
}

/** Reads an uploaded roster file and, unless told not to or stopped by errors, makes it the site's roster. */
export async function importRoster(repos: Repositories, siteId: string, bytes: Uint8Array, opts: ImportOptions = {}): Promise<RosterImportResult> {
  const parsed = parseRosterCsv(bytes);
  const plan = planRosterImport(await repos.rosters.listAll(siteId), parsed.rows);
  // A file whose header could not be read has no rows: never let it wipe the roster.
  const unreadable = parsed.rows.length === 0 && parsed.errors.length > 0;
  const apply = !opts.dryRun && !unreadable && (parsed.errors.length === 0 || Boolean(opts.skipInvalid));
  if (apply) await repos.rosters.applyChanges(siteId, plan.changes);
  const { changes: _changes, preview, ...counts } = plan;
  return { ...counts, errors: parsed.errors, rows: preview, applied: apply, encoding: parsed.encoding };
}
