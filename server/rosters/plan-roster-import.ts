import type { RosterEntry } from '../../src/protocol/roster';
import { MAX_ROSTER_PREVIEW_ROWS, type RosterPreviewRow } from '../../src/protocol/roster-import';
import type { RosterChange } from '../repositories/rosters';
import type { RosterRow } from './parse-roster-csv';

/** What stands in a removed entry's name: a tombstone carries the code only, no personal data. */
export const TOMBSTONE_NAME = '-';

export interface RosterPlan {
  added: number;
  updated: number;
  removed: number;
  unchanged: number;
  /** Rows to store, each to get a new version: new, changed, and removed (as tombstones). */
  changes: RosterChange[];
  /** What the console lists: changed rows first (file order, then removals), then unchanged; capped. */
  preview: RosterPreviewRow[];
}

/** Compares an uploaded roster with the stored one: the file replaces the roster, unchanged rows keep their version. */
export function planRosterImport(existing: readonly RosterEntry[], rows: readonly RosterRow[]): RosterPlan {
  const stored = new Map(existing.map((e) => [e.code, e]));
  const plan: RosterPlan = { added: 0, updated: 0, removed: 0, unchanged: 0, changes: [], preview: [] };
  const unchanged: RosterPreviewRow[] = [];
  const show = (row: RosterPreviewRow, list: RosterPreviewRow[]) => list.length < MAX_ROSTER_PREVIEW_ROWS && list.push(row);
  const inFile = new Set<string>();
  for (const row of rows) {
    inFile.add(row.code);
    const before = stored.get(row.code);
    const change = { code: row.code, name: row.name, group: row.group, role: row.role, deleted: false };
    const shown = { line: row.line, code: row.code, name: row.name, group: row.group, role: row.role };
    if (!before || before.deleted) {
      plan.added++;
      show({ change: 'added', ...shown }, plan.preview);
    } else if (before.name === row.name && before.group === row.group && before.role === row.role) {
      plan.unchanged++;
      show({ change: 'unchanged', ...shown }, unchanged);
      continue;
    } else {
      plan.updated++;
      show({ change: 'updated', ...shown }, plan.preview);
    }
    plan.changes.push(change);
  }
  for (const e of existing) {
    if (e.deleted || inFile.has(e.code)) continue;
    plan.removed++;
    plan.changes.push(tombstone(e.code));
    show({ change: 'removed', code: e.code, name: e.name, group: e.group, role: e.role }, plan.preview);
  }
  for (const row of unchanged) show(row, plan.preview);
  return plan;
}

/** A removal as kiosks receive it. */
export function tombstone(code: string): RosterChange {
  return { code, name: TOMBSTONE_NAME, group: '', role: '', deleted: true };
}
