// No zod: the kiosk's shell hashes visitor keys with it for the automatic direction (issue #16).

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, '0')).join('');
const fromBase64url = (s: string) => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** A function giving the HMAC-SHA-256 (hex) of one visitor key (subject, ID number or phone) under a site's erasure key (base64url). */
export async function erasureHasher(siteKey: string): Promise<(value: string) => Promise<string>> {
  const key = await crypto.subtle.importKey('raw', fromBase64url(siteKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return async (value) => hex(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(value)));
}
