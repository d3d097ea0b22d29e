/**
 * The watchlist's keyed, deliberately slow hash (issue #16; threat model in README, "Watchlist"): PBKDF2-SHA-256
 * of a subject's watchlist key, salted with its organisation's secret watchlist key. The kiosk keeps only these
 * hashes, so a stolen tablet does not list its subjects; the salt is per organisation, so one guessing run cannot
 * serve every organisation, and the iterations make each guess cost what one scan costs. WebCrypto: the same code
 * runs in the kiosk, its service worker and the server (Node's global `crypto`).
 */

/** ≈ 5 ms a hash on the test machine's Chromium and Node; a slow tablet ≈ 20 ms, once per key of a scan. */
export const WATCHLIST_HASH_ITERATIONS = 20_000;

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromBase64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** The hex PBKDF2-SHA-256 (256 bits) of `key` under an organisation's salt (base64url). */
export async function watchlistHash(key: string, salt: string, iterations = WATCHLIST_HASH_ITERATIONS): Promise<string> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(key), 'PBKDF2', false, ['deriveBits']);
  const bits = await crypto.subtle.deriveBits({ name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64url(salt), iterations }, material, 256);
  return hex(bits);
}
