import dns from 'node:dns';
import net from 'node:net';
import type { LookupFunction } from 'node:net';

/**
 * SSRF guard (issue #16): a webhook URL is chosen by an org admin, and the server sends to it from inside the
 * network, so loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast and reserved
 * addresses are refused — at registration for literal addresses, and at every connection for names (checked on
 * the address actually connected to, so a name re-pointed after registration is caught too).
 * GATELOG_WEBHOOKS_ALLOW_PRIVATE=1 allows them (tests, a receiver on the same LAN).
 */
const blocked = new net.BlockList();
for (const [net4, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net4, prefix, 'ipv4');
for (const [net6, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['64:ff9b::', 96]] as const) {
  blocked.addSubnet(net6, prefix, 'ipv6');
}

/** Whether an IP address (v4, v6, or v4 mapped into v6) is one a webhook must not reach. */
export function isRefusedAddress(ip: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return isRefusedAddress(mapped[1]!);
  const family = net.isIP(ip);
  if (family === 0) return true;
  return blocked.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

/** Whether a URL may be registered: its host is not a refused literal address nor `localhost`. */
export function isAllowedWebhookUrl(url: string, allowPrivate: boolean): boolean {
  if (allowPrivate) return true;
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return net.isIP(host) === 0 || !isRefusedAddress(host);
}

/** The error a refused connection fails with (its code is what the delivery log shows). */
export class RefusedAddressError extends Error {
  readonly code = 'refused_address';
}

/** A `lookup` for http.request that refuses every resolved address the guard refuses. */
export function guardedLookup(allowPrivate: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return (callback as (e: Error) => void)(err);
      const list = addresses as dns.LookupAddress[];
      const usable = allowPrivate ? list : list.filter((a) => !isRefusedAddress(a.address));
      if (usable.length === 0) return (callback as (e: Error) => void)(new RefusedAddressError(`${hostname} resolves only to refused addresses`));
      if (options.all) return (callback as (e: null, a: dns.LookupAddress[]) => void)(null, usable);
      const first = usable[0]!;
      (callback as (e: null, a: string, f: number) => void)(null, first.address, first.family);
    });
  };
}
