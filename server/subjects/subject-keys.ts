import { createHmac } from 'node:crypto';
import type { Repositories } from '../repositories';

/** The server secret behind every keyed subject hash (created on first use, kept in the database). */
const SECRET_NAME = 'subject-hash-key';

const masters = new WeakMap<Repositories, Promise<Buffer>>();

function masterKey(repos: Repositories): Promise<Buffer> {
  let key = masters.get(repos);
  if (!key) {
    key = repos.serverSecrets.getOrCreate(SECRET_NAME).then((v) => Buffer.from(v, 'base64url'));
    key.catch(() => masters.delete(repos)); // a failed read is retried next time, not cached
    masters.set(repos, key);
  }
  return key;
}

/**
 * What the audit log stores instead of a visitor's key (issue #10): an HMAC under a server secret, so the log
 * can still tell that two entries concern the same person, but a leaked log cannot be reversed by trying every
 * ID number (a plain SHA-256 of a 12-digit CCCD can).
 */
export async function auditSubjectHash(repos: Repositories, subject: string): Promise<string> {
  return `hmac:${createHmac('sha256', await masterKey(repos)).update(`audit\n${subject}`).digest('hex')}`;
}

/** A site's erasure-list key (base64url, 32 bytes), sent to its kiosks only: lists of two sites cannot be matched. */
export async function siteErasureKey(repos: Repositories, siteId: string): Promise<string> {
  return createHmac('sha256', await masterKey(repos)).update(`erasure-site\n${siteId}`).digest('base64url');
}

/**
 * An organisation's watchlist salt (base64url, 32 bytes; issue #16): the key of its entries' slow hashes, sent to
 * the kiosks of its sites and of its units' sites. Per organisation, so a guessing run breaks one list, not all.
 */
export async function orgWatchlistSalt(repos: Repositories, orgId: string): Promise<string> {
  return createHmac('sha256', await masterKey(repos)).update(`watchlist-org\n${orgId}`).digest('base64url');
}
