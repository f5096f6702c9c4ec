/**
 * The command-line conventions every `npm run` tool follows: `--help`/`-h` prints usage
 * and exits 0; a bad argument prints one line naming it (and how to get help) and exits
 * 2; no stack trace for a user's mistake. Built on `node:util` parseArgs, so a tool keeps
 * its typed `values` and `positionals`.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;

/** What a tool declares: its name, usage text and parseArgs options. */
export interface CommandLine<O extends Options, P extends boolean> {
  /** The command as typed, e.g. `npm run recount --`. */
  readonly command: string;
  /** Usage text after the first line: what the tool does, then each option. */
  readonly usage: string;
  readonly options: O;
  readonly allowPositionals?: P;
  /** For tests: the arguments to parse instead of `process.argv`. */
  readonly args?: string[];
}

/** Print one line about a user's mistake and exit 2 (for checks parseArgs cannot make). */
export function usageError(command: string, message: string): never {
  process.stderr.write(`${command}: ${message}\nTry '${command} --help'.\n`);
  process.exit(2);
}

/** Parse the command line, answering `--help` and refusing bad arguments as described above. */
export function parseCommandLine<O extends Options, P extends boolean = false>(spec: CommandLine<O, P>) {
  const config = {
    args: spec.args ?? process.argv.slice(2),
    options: { ...spec.options, help: { type: 'boolean', short: 'h', default: false } } as O & {
      help: { type: 'boolean'; short: 'h'; default: false };
    },
    allowPositionals: (spec.allowPositionals ?? false) as P,
    strict: true as const,
  };
  let parsed: ReturnType<typeof parseArgs<typeof config>>;
  try {
    parsed = parseArgs(config);
  } catch (err) {
    const code = (err as { code?: string }).code ?? '';
    if (!code.startsWith('ERR_PARSE_ARGS')) throw err;
    usageError(spec.command, (err as Error).message.split('\n')[0] ?? 'bad arguments');
  }
  if ((parsed.values as { help?: boolean }).help) {
    process.stdout.write(`Usage: ${spec.command} ${spec.usage.trim()}\n`);
    process.exit(0);
  }
  return parsed;
}

/** A whole number from an option, or a usage error naming the option. */
export function intOption(command: string, name: string, raw: string, min = 0): number {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min)
    usageError(command, `--${name} must be a whole number ≥ ${min}, not "${raw}".`);
  return n;
}
