import { readFile } from 'node:fs/promises';
import { importRoster } from '../../rosters/import-roster';
import { CliError, required, type Command } from '../command';
import { oneLine } from '../terminal-text';

/** `roster import --site SITE --file F [--dry-run] [--skip-invalid]`: the console's roster upload, from a file. */
export const rosterImport: Command = {
  name: 'roster import',
  usage: 'roster import --site SITE_ID --file ROSTER.csv [--dry-run] [--skip-invalid]',
  options: { site: { type: 'string' }, file: { type: 'string' }, 'dry-run': { type: 'boolean' }, 'skip-invalid': { type: 'boolean' } },
  async run(ctx, args) {
    const siteId = required(args, 'site');
    if (!(await ctx.repos.sites.get(siteId))) throw new CliError(`no site with id ${siteId}`);
    const bytes = await readFile(required(args, 'file')).catch((err: Error) => {
      throw new CliError(`cannot read the file: ${err.message}`);
    });
    const result = await importRoster(ctx.repos, siteId, bytes, { dryRun: args.values['dry-run'] === true, skipInvalid: args.values['skip-invalid'] === true });
    const lines = [
      `${result.applied ? 'Applied' : 'Not applied'} (${result.encoding}): ${result.added} added, ${result.updated} updated, ${result.removed} removed, ${result.unchanged} unchanged.`,
      ...result.errors.map((e) => `  line ${e.line}: ${oneLine(e.message)}`),
    ];
    return { json: result, human: lines.join('\n') };
  },
};
