/** Sync limits and paths: plain constants (the service worker imports them). */

/**
 * Batch bounds: small enough that one batch (≈ 40 KB gzip at 1,000 records) crosses a 2G link well
 * inside one Background Sync event (≤ 3 min in Chrome), large enough that round trips do not dominate
 * on 3G (10,000 records = 10 batches; bench/sync.ts).
 */
export const MAX_BATCH_RECORDS = 1000;
export const MAX_BATCH_BYTES = 256 * 1024;

export const PUSH_PATH = '/api/v1/sync/checkins';
export const ENROL_PATH = '/api/v1/enrol';

/**
 * Codes of a 401 answered to a kiosk: `revoked` (an administrator revoked it: keep records, stop pushing) and
 * `device_unknown` (the server does not know the token at all, e.g. restored from an older backup: keep records,
 * ask to be enrolled again at the same site). A missing token is the generic `unauthorized`.
 */
export const DEVICE_ERROR = { revoked: 'revoked', unknown: 'device_unknown' } as const;
