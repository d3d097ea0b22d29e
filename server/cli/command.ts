import type { ParseArgsConfig } from 'node:util';
import type { AppConfig } from '../config';
import type { CliContext } from './context';

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

export interface ParsedArgs {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

export interface CommandOutput {
  /** The one JSON document printed with --json. */
  json: unknown;
  /** What a person sees without --json; made terminal-safe before it is printed. */
  human: string;
  /** Printed as is after `human`: terminal graphics we draw ourselves (the enrolment QR code), never data. */
  art?: string;
}

export interface Command {
  /** e.g. "device add". */
  name: string;
  usage: string;
  options: OptionSpec;
  /** How many positionals the command takes after its name. */
  positionals?: number;
  run(ctx: CliContext, args: ParsedArgs, io: { json: boolean; readStdin(): Promise<string> }): Promise<CommandOutput>;
}

/**
 * A command that opens what it needs itself instead of the usual migrated database: backup, restore and the
 * schema check must never migrate (or even create) the database they look at.
 */
export interface ConfigOnlyCommand extends Omit<Command, 'run'> {
  configOnly: true;
  run(config: AppConfig, args: ParsedArgs, io: { json: boolean }): Promise<CommandOutput>;
}

/** A user mistake: printed as-is, exit code 1. */
export class CliError extends Error {
  override name = 'CliError';
}

/** The string value of an option, or a CliError naming it. */
export function required(args: ParsedArgs, name: string): string {
  const value = args.values[name];
  if (typeof value !== 'string' || value.trim() === '') throw new CliError(`--${name} is required`);
  return value;
}

/** The string value of an optional option. */
export function optional(args: ParsedArgs, name: string): string | undefined {
  const value = args.values[name];
  return typeof value === 'string' ? value : undefined;
}

/** Parses an ISO date-time option to epoch ms. */
export function isoOption(args: ParsedArgs, name: string): number | undefined {
  const value = optional(args, name);
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) throw new CliError(`--${name} must be an ISO date-time, e.g. 2025-03-10T08:00:00+07:00`);
  return ms;
}
