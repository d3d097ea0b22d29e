import * as z from 'zod/mini';
import { erasureHasher } from './erasure-hash';

export { erasureHasher };

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

/** One value's erasure hash (the server's side: one value, many sites). */
export async function erasureHash(siteKey: string, value: string): Promise<string> {
  return (await erasureHasher(siteKey))(value);
}
