import { CliError, required, type Command } from '../command';
import { oneLine } from '../terminal-text';

/** `site add --org ORG --name N` */
export const siteAdd: Command = {
  name: 'site add',
  usage: 'site add --org ORG_ID --name NAME',
  options: { org: { type: 'string' }, name: { type: 'string' } },
  async run(ctx, args) {
    const orgId = required(args, 'org');
    const name = required(args, 'name');
    if (!(await ctx.repos.orgs.get(orgId))) throw new CliError(`no org with id ${orgId}`);
    const site = await ctx.repos.sites.create({ orgId, name });
    return {
      json: site,
      human: `Created site ${site.id} (${oneLine(site.name)}) in ${orgId}; keeps: ${site.policy.keptFields.join(', ')}; ${site.policy.retentionDays} days`,
    };
  },
};
