import { TRACE_PAGE_MAX, type TraceResult } from '../../../src/protocol';
import { allContacts } from '../../trace/trace-subject';
import { isoOption, required, type Command } from '../command';
import { oneLine } from '../terminal-text';

/** `trace --subject S [--from ISO] [--to ISO]`: visits and every contact across all sites (the CLI is unscoped). */
export const traceCommand: Command = {
  name: 'trace',
  usage: 'trace --subject SUBJECT [--from ISO] [--to ISO]',
  options: { subject: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run(ctx, args) {
    const subject = required(args, 'subject');
    const from = isoOption(args, 'from');
    const to = isoOption(args, 'to');
    let result = null as TraceResult | null;
    // Page by page (a busy port's crew member has thousands of contacts), joined into one answer.
    for await (const page of allContacts(ctx.repos, {
      subject,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      allowedSiteIds: null,
      timeZone: ctx.config.timeZone,
      limit: TRACE_PAGE_MAX,
    })) {
      result = result === null ? page : { ...result, contacts: [...result.contacts, ...page.contacts] };
    }
    const all: TraceResult = { ...result!, nextCursor: null };
    const lines = [`Visits of ${oneLine(subject)}: ${all.visits.length}`];
    for (const v of all.visits) lines.push(`  ${oneLine(v.siteName)}  ${v.timeIn} → ${v.timeOut ?? `(open, until ${v.effectiveOut})`}`);
    lines.push(`Contacts: ${all.totalContacts}`);
    for (const c of all.contacts) {
      lines.push(`  ${oneLine(c.subject)}${c.name ? ` (${oneLine(c.name)})` : ''}  ${Math.round(c.overlapSeconds / 60)} min in all`);
      for (const v of c.visits) lines.push(`      ${oneLine(v.siteName)}  ${v.overlapStart} → ${v.overlapEnd}  ${v.overlapSeconds} s`);
    }
    return { json: all, human: lines.join('\n') };
  },
};
