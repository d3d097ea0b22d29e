import { issuePassRequestSchema } from '../../../src/protocol/passes';
import { describeIssues } from '../../lib/parse';
import { issueSignedPass } from '../../passes/pass-signer';
import { CliError, optional, required, type Command } from '../command';

/** `pass issue --site SITE --name N [--phone P] [--id-number X] [--valid-until YYYY-MM-DD]`: a server-signed pass. */
export const passIssue: Command = {
  name: 'pass issue',
  usage: 'pass issue --site SITE_ID --name NAME [--phone PHONE] [--id-number ID] [--valid-until YYYY-MM-DD]',
  options: { site: { type: 'string' }, name: { type: 'string' }, phone: { type: 'string' }, 'id-number': { type: 'string' }, 'valid-until': { type: 'string' } },
  async run(ctx, args) {
    const siteId = required(args, 'site');
    if (!(await ctx.repos.sites.get(siteId))) throw new CliError(`no site with id ${siteId}`);
    const input = issuePassRequestSchema.safeParse({
      name: required(args, 'name'),
      phone: optional(args, 'phone'),
      idNumber: optional(args, 'id-number'),
      validUntil: optional(args, 'valid-until'),
    });
    if (!input.success) throw new CliError(describeIssues(input.error));
    try {
      const issued = await issueSignedPass(ctx.repos, { ...input.data, siteId, issuedBy: 'cli' });
      return { json: issued, human: `Pass ${issued.passId}; draw this text as a QR code:\n${issued.text}` };
    } catch (err) {
      throw new CliError((err as Error).message);
    }
  },
};
