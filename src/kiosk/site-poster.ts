import { SITE_NAME_PATH, siteNameSchema } from '../protocol/site-config';

/** The name of the site whose location poster was scanned, asked of the server; undefined offline or unknown. */
export async function fetchSiteName(token: string | undefined, siteId: string): Promise<string | undefined> {
  if (!token) return undefined;
  try {
    const res = await fetch(`${SITE_NAME_PATH}/${encodeURIComponent(siteId)}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(3000), // the banner is up for seconds: a late answer is no use
      cache: 'no-store',
    });
    if (!res.ok) return undefined;
    const body = siteNameSchema.safeParse(await res.json());
    return body.success ? body.data.name : undefined;
  } catch {
    return undefined;
  }
}
