import * as z from 'zod/mini';

// zod/mini: the kiosk's service worker parses this after each push, and its bundle stays small.

/**
 * Erasure list (issue #10): after "Xoá dữ liệu", every kiosk of the erased sites forgets the person too — its
 * local records and returning-guest suggestions. The list travels with the site config and never holds the
 * subject itself, only `erasureHash(site key, subject)`; the site's key comes in the same answer.
 */
export const erasureEntrySchema = z.object({
  /** Monotonic per site: the kiosk asks for entries after the last one it applied. */
  version: z.int().check(z.positive()),
  hash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  /** Server clock of the erasure: records made later are a new visit and stay. */
  erasedAt: z.number(),
});
export type ErasureEntry = z.infer<typeof erasureEntrySchema>;

/** Entries per site-config answer; a kiosk with more to catch up gets the rest on its next sync. */
export const ERASURES_PAGE_SIZE = 500;

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromBase64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** A function giving the HMAC-SHA-256 (hex) of one visitor key (subject, ID number or phone) under a site's erasure key (base64url). */
export async function erasureHasher(siteKey: string): Promise<(value: string) => Promise<string>> {
  const key = await crypto.subtle.importKey('raw', fromBase64url(siteKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (value) => hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(value)));
}

/** One value's erasure hash (the server's side: one value, many sites). */
export async function erasureHash(siteKey: string, value: string): Promise<string> {
  return (await erasureHasher(siteKey))(value);
}
