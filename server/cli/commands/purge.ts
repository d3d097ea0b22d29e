import { purgeExpired } from '../../retention/purge-expired';
import { isoOption, type Command } from '../command';

/** `purge [--now ISO]`: the retention job the server runs hourly, once, now (or as of another time). */
export const purgeCommand: Command = {
  name: 'purge',
  usage: 'purge [--now ISO]',
  options: { now: { type: 'string' } },
  async run(ctx, args) {
    const result = await purgeExpired(ctx.repos, isoOption(args, 'now') ?? Date.now());
    return { json: result, human: `Anonymised ${result.anonymised} check-ins and ${result.passes} issued passes past their site's retention.` };
  },
};
