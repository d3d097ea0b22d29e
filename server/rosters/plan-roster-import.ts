import type { RosterEntry } from '../../src/protocol/roster';
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
}

/** Compares an uploaded roster with the stored one: the file replaces the roster, unchanged rows keep their version. */
export function planRosterImport(existing: readonly RosterEntry[], rows: readonly RosterRow[]): RosterPlan {
  const stored = new Map(existing.map((e) => [e.code, e]));
  const plan: RosterPlan = { added: 0, updated: 0, removed: 0, unchanged: 0, changes: [] };
  const inFile = new Set<string>();
  for (const row of rows) {
    inFile.add(row.code);
    const before = stored.get(row.code);
    const change = { code: row.code, name: row.name, group: row.group, role: row.role, deleted: false };
    if (!before || before.deleted) plan.added++;
    else if (before.name === row.name && before.group === row.group && before.role === row.role) {
      plan.unchanged++;
      continue;
    } else plan.updated++;
    plan.changes.push(change);
  }
  for (const e of existing) {
    if (e.deleted || inFile.has(e.code)) continue;
    plan.removed++;
    plan.changes.push(tombstone(e.code));
  }
  return plan;
}

/** A removal as kiosks receive it. */
export function tombstone(code: string): RosterChange {
  return { code, name: TOMBSTONE_NAME, group: '', role: '', deleted: true };
}
