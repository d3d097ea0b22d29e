import type { CheckinTable } from '../../db/schema';

/** The earliest corrected time we store: Gatelog did not exist before; anything earlier is a broken clock. */
export const EARLIEST_TIME = Date.UTC(2020, 0, 1);
/** How far past the server's clock a corrected time may lie (a server clock a little behind, a slow batch). */
export const FUTURE_SLACK_MS = 24 * 60 * 60 * 1000;
/** The latest device time we accept at all (a Date holds up to 8.64e15; nothing real is past 2100). */
export const LATEST_DEVICE_TIME = Date.UTC(2100, 0, 1);

/** Why a row cannot be stored as is (issue #10), or null. Checked before the database sees it. */
export function unstorableReason(row: CheckinTable): string | null {
  // PostgreSQL text cannot hold NUL (SQLite can): refuse it on both engines so both store the same things.
  // The visitor JSON is safe (JSON.stringify escapes NUL); the raw text columns are not.
  if (row.subject.includes('\u0000') || (row.name !== null && row.name.includes('\u0000'))) return 'nul_character';
  if (row.device_time > LATEST_DEVICE_TIME) return 'time_out_of_range';
  if (row.corrected_time < EARLIEST_TIME || row.corrected_time > row.received_at + FUTURE_SLACK_MS) return 'time_out_of_range';
  return null;
}
