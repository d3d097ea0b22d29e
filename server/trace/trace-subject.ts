import { PURGED_SUBJECT } from '../../src/protocol/subjects';
import type { Contact, TraceResult, Visit } from '../../src/protocol';
import type { Repositories } from '../repositories';
import { MAX_TRACED_VISITS, type ContactCursor, type TraceWindow } from '../repositories/visits';
import { ApiError } from '../lib/api-error';
import { isoTime } from '../lib/iso-time';
import { MAX_TIME } from './day-bounds';

export interface TraceInput {
  subject: string;
  /** Epoch ms, inclusive / exclusive; unbounded when absent. */
  from?: number;
  to?: number;
  /** Sites the caller may see (an admin's org subtree); null = every site (the CLI). */
  allowedSiteIds: ReadonlySet<string> | null;
  timeZone: string;
  /** Contacts per page, and where the previous page ended. */
  limit: number;
  cursor?: string | null;
}

// Any stored value is formatted without throwing (a far-future device time must not break a trace).
const iso = isoTime;

/** An opaque, URL-safe cursor: the last contact's (total overlap, subject). */
export function encodeCursor(c: ContactCursor): string {
  return Buffer.from(JSON.stringify([c.overlapMs, c.subject])).toString('base64url');
}

export function decodeCursor(text: string): ContactCursor | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (Array.isArray(value) && typeof value[0] === 'number' && typeof value[1] === 'string') return { overlapMs: value[0], subject: value[1] };
  } catch {
    /* not ours */
  }
  return null;
}

/**
 * Who was where with `subject`: their visits in [from, to), and one page of everyone else whose visit
 * overlapped one of them at the same site, grouped per person, longest total overlap first. Reads the visits
 * read model only: the subject's visits, then the indexed overlap of each — cost follows the answer.
 */
export async function traceSubject(repos: Pick<Repositories, 'visits' | 'sites'>, input: TraceInput): Promise<TraceResult> {
  const { subject, allowedSiteIds, timeZone } = input;
  const from = input.from ?? -MAX_TIME;
  const to = input.to ?? MAX_TIME;
  // Anonymised rows share one placeholder key: they are nobody, so they are neither traced nor a contact.
  const visits =
    subject === PURGED_SUBJECT
      ? []
      : (await repos.visits.ofSubject(subject, from, to)).filter((v) => allowedSiteIds === null || allowedSiteIds.has(v.siteId));
  if (visits.length > MAX_TRACED_VISITS) throw new ApiError(400, 'trace_too_long', `More than ${MAX_TRACED_VISITS} visits in this period: trace a shorter one.`);
  const window: TraceWindow = { subject, mine: visits, timeZone };
  const after = input.cursor ? decodeCursor(input.cursor) : null;
  const page = await repos.visits.contactPage(window, input.limit, after);
  const pairs = await repos.visits.contactVisits(window, page.contacts.map((c) => c.subject));

  const siteNames = await repos.sites.namesById([...new Set(visits.map((v) => v.siteId))]);
  const siteName = (id: string) => siteNames.get(id) ?? id;
  const pairsOf = new Map<string, Contact['visits']>();
  const nameOf = new Map<string, string>();
  for (const { contact, mine } of pairs) {
    if (contact.name !== null && !nameOf.has(contact.subject)) nameOf.set(contact.subject, contact.name);
    const overlapStart = Math.max(mine.timeIn, contact.timeIn);
    const overlapEnd = Math.min(mine.effectiveOut, contact.effectiveOut);
    const list = pairsOf.get(contact.subject) ?? [];
    list.push({
      siteId: contact.siteId,
      siteName: siteName(contact.siteId),
      timeIn: iso(contact.timeIn),
      timeOut: contact.timeOut === null ? null : iso(contact.timeOut),
      overlapStart: iso(overlapStart),
      overlapEnd: iso(overlapEnd),
      overlapSeconds: Math.round((overlapEnd - overlapStart) / 1000),
    });
    pairsOf.set(contact.subject, list);
  }
  const last = page.contacts[page.contacts.length - 1];
  return {
    subject,
    visits: visits.map(
      (v): Visit => ({
        siteId: v.siteId,
        siteName: siteName(v.siteId),
        subject: v.subject,
        ...(v.name !== null ? { name: v.name } : {}),
        timeIn: iso(v.timeIn),
        timeOut: v.timeOut === null ? null : iso(v.timeOut),
        effectiveOut: iso(v.effectiveOut),
      }),
    ),
    contacts: page.contacts.map(
      (c): Contact => ({
        subject: c.subject,
        ...(nameOf.has(c.subject) ? { name: nameOf.get(c.subject)! } : {}),
        overlapSeconds: Math.round(c.overlapMs / 1000),
        visits: pairsOf.get(c.subject) ?? [],
      }),
    ),
    totalContacts: page.total,
    nextCursor: last && page.contacts.length === input.limit ? encodeCursor({ overlapMs: last.overlapMs, subject: last.subject }) : null,
  };
}

/** Every contact, page after page (CSV export, CLI): never one query holding them all in memory at once. */
export async function* allContacts(repos: Pick<Repositories, 'visits' | 'sites'>, input: Omit<TraceInput, 'cursor'>): AsyncGenerator<TraceResult> {
  let cursor: string | null = null;
  do {
    const page: TraceResult = await traceSubject(repos, { ...input, cursor });
    yield page;
    cursor = page.nextCursor;
  } while (cursor);
}
