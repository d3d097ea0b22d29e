import { parseArgs } from 'node:util';
import { CliError, type Command, type ConfigOnlyCommand } from './command';
import { adminAdd } from './commands/admin';
import { backupCommand, restoreCommand, schemaCheckCommand } from './commands/backup';
import { checkinsList } from './commands/checkins';
import { deviceAdd, deviceList, deviceRevoke } from './commands/device';
import { orgAdd } from './commands/org';
import { passIssue } from './commands/pass';
import { purgeCommand } from './commands/purge';
import { rosterImport } from './commands/roster';
import { siteAdd } from './commands/site';
import { traceCommand } from './commands/trace';
import { loadConfig } from '../config';
import { openCliContext } from './context';
import { terminalSafe, terminalSafeJson } from './terminal-text';

const COMMANDS: Array<Command | ConfigOnlyCommand> = [orgAdd, siteAdd, deviceAdd, deviceList, deviceRevoke, adminAdd, checkinsList, traceCommand, passIssue, rosterImport, purgeCommand,
  backupCommand, restoreCommand, schemaCheckCommand];

const usage = () =>
  ['Usage: npm run -s gatelog -- <command> [options] [--json]', '', ...COMMANDS.map((c) => `  ${c.usage}`)].join('\n');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

/** Finds the command named by the first two words (or one word, e.g. `checkins`). */
function findCommand(argv: string[]): { command: Command | ConfigOnlyCommand; rest: string[] } | undefined {
  for (const words of [2, 1]) {
    const name = argv.slice(0, words).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.slice(words) };
  }
  return undefined;
}

/** Runs one CLI invocation; with --json, stdout carries exactly one JSON document, errors included. */
async function main(argv: string[]): Promise<number> {
  const json = argv.includes('--json');
  const fail = (message: string): number => {
    process.stderr.write(`gatelog: ${terminalSafe(message)}\n`);
    if (json) process.stdout.write(`${terminalSafeJson({ error: message })}\n`);
    return 1;
  };
  const found = findCommand(argv.filter((a) => a !== '--json'));
  if (!found) {
    if (argv.includes('--help') || argv.length === 0) {
      process.stderr.write(`${usage()}\n`);
      return argv.length === 0 ? 1 : 0;
    }
    return fail(`unknown command: ${argv.filter((a) => !a.startsWith('-')).slice(0, 2).join(' ')}\n${usage()}`);
  }
  const { command, rest } = found;
  let parsed;
  try {
    parsed = parseArgs({ args: rest, options: command.options, allowPositionals: true, strict: true });
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\nusage: ${command.usage}`);
  }
  if (parsed.positionals.length > (command.positionals ?? 0)) {
    return fail(`unexpected argument ${parsed.positionals.join(' ')}\nusage: ${command.usage}`);
  }
  let ctx;
  try {
    const args = { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
    let output;
    if ('configOnly' in command) {
      output = await command.run(loadConfig(), args, { json });
    } else {
      ctx = await openCliContext();
      output = await command.run(ctx, args, { json, readStdin });
    }
    process.stdout.write(json ? `${terminalSafeJson(output.json)}\n` : `${terminalSafe(output.human)}\n${output.art ?? ''}`);
    return 0;
  } catch (err) {
    if (err instanceof CliError) return fail(err.message);
    return fail(err instanceof Error ? err.message : String(err));
  } finally {
    await ctx?.db.destroy();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`gatelog: ${terminalSafe(String(err))}\n`);
    process.exitCode = 1;
  },
);
