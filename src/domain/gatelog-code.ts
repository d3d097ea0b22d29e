/**
 * Gatelog's own QR codes, which are never visitors (issue #11): a site's location poster (`<server>/s/<site id>`,
 * see siteQrUrl) and a kiosk enrolment link (`<server>/#enrol=<code>`). Only links to this server count; anything
 * else goes on to the visitor parsers.
 */
export type GatelogCode = { kind: 'enrol'; code: string } | { kind: 'site'; siteId: string };

const SITE_PATH = /^\/s\/([A-Za-z0-9_-]{1,64})\/?$/;
const ENROL_HASH = /^#enrol=([A-Za-z0-9_-]{6,64})$/;

/** The Gatelog code in a decoded text, or null when it is not one of ours. */
export function recogniseGatelogCode(text: string, origin: string): GatelogCode | null {
  let url: URL;
  try {
    url = new URL(text.trim(), origin);
  } catch {
    return null;
  }
  // A bare "#enrol=…" (relative) is ours too; anything else must be an absolute link to this server.
  if (url.origin !== origin || (!/^[a-z][a-z0-9+.-]*:/i.test(text.trim()) && !text.trim().startsWith('#'))) return null;
  const enrol = ENROL_HASH.exec(url.hash);
  if (enrol) return { kind: 'enrol', code: enrol[1]! };
  const site = SITE_PATH.exec(url.pathname);
  if (site && !url.hash) return { kind: 'site', siteId: site[1]! };
  return null;
}
