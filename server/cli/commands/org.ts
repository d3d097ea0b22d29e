import { CliError, optional, required, type Command } from '../command';
import { oneLine } from '../terminal-text';

/** `org add --name N [--parent ORG]` */
export const orgAdd: Command = {
  name: 'org add',
  usage: 'org add --name NAME [--parent ORG_ID]',
  options: { name: { type: 'string' }, parent: { type: 'string' } },
  async run(ctx, args) {
    const name = required(args, 'name');
    const parentId = optional(args, 'parent') ?? null;
    const org = await ctx.repos.orgs.create({ name, parentId });
    if (!org) throw new CliError(`no org with id ${parentId}`);
    return { json: org, human: `Created org ${org.id} (${oneLine(org.name)})${parentId ? ` under ${parentId}` : ''}` };
  },
};
