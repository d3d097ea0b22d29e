import { isoTime } from '../../lib/iso-time';
import { CliError, isoOption, optional, required, type Command } from '../command';
import { oneLine } from '../terminal-text';

/** `checkins --site SITE [--from ISO] [--to ISO] [--limit N]`: stored check-ins, oldest first. */
export const checkinsList: Command = {
  name: 'checkins',
  usage: 'checkins --site SITE_ID [--from ISO] [--to ISO] [--limit N]',
  options: { site: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' }, limit: { type: 'string' } },
  async run(ctx, args) {
    const siteId = required(args, 'site');
    if (!(await ctx.repos.sites.get(siteId))) throw new CliError(`no site with id ${siteId}`);
    const from = isoOption(args, 'from');
    const to = isoOption(args, 'to');
    const limitText = optional(args, 'limit');
    const limit = limitText === undefined ? 1000 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1) throw new CliError('--limit must be a positive integer');
    const checkins = await ctx.repos.checkins.listAtSites(
      [siteId],
      { ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) },
      limit,
    );
    const human = checkins.length
      ? checkins
          .map((c) => `${isoTime(c.correctedTime)}  ${c.direction.padEnd(3)}  ${oneLine(c.visitor.subject)}  ${oneLine(c.visitor.name)}`)
          .join('\n')
      : 'No check-ins.';
    return { json: { checkins }, human };
  },
};
