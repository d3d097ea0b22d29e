import { traceSubject } from '../../trace/trace-subject';
import { isoOption, required, type Command } from '../command';

/** `trace --subject S [--from ISO] [--to ISO]`: visits and contacts across all sites (the CLI is unscoped). */
export const traceCommand: Command = {
  name: 'trace',
  usage: 'trace --subject SUBJECT [--from ISO] [--to ISO]',
  options: { subject: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } },
  async run(ctx, args) {
    const subject = required(args, 'subject');
    const from = isoOption(args, 'from');
    const to = isoOption(args, 'to');
    const result = await traceSubject(ctx.repos, {
      subject,
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      allowedSiteIds: null,
      timeZone: ctx.config.timeZone,
    });
    const lines = [`Visits of ${subject}: ${result.visits.length}`];
    for (const v of result.visits) lines.push(`  ${v.siteName}  ${v.timeIn} → ${v.timeOut ?? `(open, until ${v.effectiveOut})`}`);
    lines.push(`Contacts: ${result.contacts.length}`);
    for (const c of result.contacts) {
      lines.push(`  ${c.subject}${c.name ? ` (${c.name})` : ''}  ${c.siteName}  ${c.overlapStart} → ${c.overlapEnd}  ${c.overlapSeconds} s`);
    }
    return { json: result, human: lines.join('\n') };
  },
};
