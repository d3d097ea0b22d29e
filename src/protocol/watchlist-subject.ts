import type { Visitor } from './visitor';

/**
 * What a watchlist entry names (issue #16): an ID number (CCCD or the old 9-digit CMND), a Gatelog pass id, a
 * badge code, or a phone. Plain constants: the kiosk's scan path imports them without zod.
 */
export const WATCHLIST_KINDS = ['id_number', 'pass', 'badge', 'phone'] as const;
export type WatchlistKind = (typeof WATCHLIST_KINDS)[number];

export const WATCHLIST_ACTIONS = ['refuse', 'alert'] as const;
export type WatchlistAction = (typeof WATCHLIST_ACTIONS)[number];

export const MAX_WATCHLIST_SUBJECT = 128;
export const MAX_WATCHLIST_REASON = 300;

/**
 * One canonical text per subject, the same on the console and at the gate, so what an admin types matches
 * what a code carries: an ID number without spaces or dots, a phone as 0xxxxxxxxx (+84 and 84 prefixes
 * folded), a pass id or badge code trimmed and upper-case. Null when the value cannot be of that kind.
 */
export function normaliseWatchlistSubject(kind: WatchlistKind, raw: string): string | null {
  const text = raw.normalize('NFC').trim();
  if (text.length === 0 || text.length > MAX_WATCHLIST_SUBJECT || text.includes('\u0000')) return null;
  switch (kind) {
    case 'id_number': {
      const digits = text.replace(/[\s.-]/g, '');
      return /^(\d{12}|\d{9})$/.test(digits) ? digits : null;
    }
    case 'phone': {
      let digits = text.replace(/[\s.()-]/g, '');
      if (digits.startsWith('+84')) digits = `0${digits.slice(3)}`;
      else if (/^84\d{9}$/.test(digits)) digits = `0${digits.slice(2)}`;
      return /^\+?\d{8,15}$/.test(digits) ? digits : null;
    }
    case 'pass':
    case 'badge':
      return /[\u0000-\u001f\u007f]/.test(text) ? null : text.toUpperCase();
  }
}

/** The hash input of one subject: its kind and canonical value (an ID number never matches a phone). */
export const watchlistKey = (kind: WatchlistKind, value: string): string => `${kind}\n${value}`;

/**
 * Every watchlist key a scanned or typed visitor can match: the ID number (a CCCD's subject, or one carried by a
 * pass or typed in), the phone, the pass id, the badge code. Deduplicated; invalid values are skipped.
 */
export function watchlistKeysOf(visitor: Visitor): string[] {
  const raw: [WatchlistKind, string | undefined][] = [
    ['id_number', visitor.kind === 'cccd' ? visitor.subject : visitor.idNumber],
    ['phone', visitor.phone],
    ['pass', visitor.kind === 'pass' ? (visitor.passId ?? visitor.subject) : undefined],
    ['badge', visitor.kind === 'badge' || visitor.kind === 'opaque' ? visitor.subject : undefined],
  ];
  const keys = new Set<string>();
  for (const [kind, value] of raw) {
    const canonical = value === undefined ? null : normaliseWatchlistSubject(kind, value);
    if (canonical !== null) keys.add(watchlistKey(kind, canonical));
  }
  return [...keys];
}
