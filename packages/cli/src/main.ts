import { parseArgs } from './args';
import { recordCheck, replayCheck } from './check-replay';
import { InputError, UsageError } from './cli-error';
import { EXIT, type Command, type Io } from './command';
import { LIMITS_HELP } from './input-limits';

/** The subcommands, loaded on use: `audit` never pays for the YAML parser, `--help` for nothing. */
const COMMANDS: Readonly<Record<string, () => Command>> = {
  /* eslint-disable @typescript-eslint/no-require-imports */
  check: () => (require('./commands/check') as typeof import('./commands/check')).check,
  explain: () => (require('./commands/explain') as typeof import('./commands/explain')).explain,
  audit: () => (require('./commands/audit') as typeof import('./commands/audit')).audit,
  sync: () => (require('./commands/sync') as typeof import('./commands/sync')).sync,
  scan: () => (require('./commands/scan') as typeof import('./commands/scan')).scan,
  migrate: () => (require('./commands/migrate') as typeof import('./commands/migrate')).migrate,
  preflight: () => (require('./commands/preflight') as typeof import('./commands/preflight')).preflight,
  /* eslint-enable @typescript-eslint/no-require-imports */
};

const USAGE = 'lockstep <check|explain|audit|sync|scan|migrate|preflight> [options]   (lockstep <command> --help for each)';

/**
 * The CLI boundary: runs one command and turns every way it can end into an exit code. A user's mistake
 * (a wrong option, a missing or malformed file, an invalid config) is printed as a message without a stack
 * trace and exits 2; anything else is a bug in Lockstep, printed with its stack.
 *
 * Exit codes: 0 ok, 1 a finding (check error, denied run, audit error), 2 usage / file / config error,
 * 70 a bug.
 */
export function main(argv: readonly string[], io: Io): number {
  let command: Command | undefined;
  try {
    const [name, ...rest] = argv;
    if (name === undefined) throw new UsageError('missing command');
    if (name === '--help' || name === '-h' || name === 'help') {
      const topic = rest[0];
      if (topic !== undefined && COMMANDS[topic] !== undefined) io.out(helpOf(COMMANDS[topic]()));
      else io.out(overview());
      return EXIT.ok;
    }
    if (name === '--version') {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      io.out(`${(require('../package.json') as { version: string }).version}\n`);
      return EXIT.ok;
    }
    const load = Object.prototype.hasOwnProperty.call(COMMANDS, name) ? COMMANDS[name] : undefined;
    if (load === undefined) {
      throw new UsageError(`unknown command "${name}"; expected one of ${Object.keys(COMMANDS).join(', ')}`);
    }
    // An unchanged check is answered before its modules even load (see replayCheck).
    const replayed = name === 'check' ? replayCheck(argv, io) : undefined;
    if (replayed !== undefined) return replayed;
    command = load();
    const args = parseArgs(rest, command.options);
    if (args.flags.has('help')) {
      io.out(helpOf(command));
      return EXIT.ok;
    }
    const run = command.run;
    return name === 'check' ? recordCheck(argv, io, (observed) => run(args, observed)) : run(args, io);
  } catch (e) {
    const prefix = command ? `lockstep ${command.name}` : 'lockstep';
    if (e instanceof UsageError) {
      io.err(`${prefix}: ${e.message}\nusage: ${command ? command.usage : USAGE}\n`);
      return EXIT.usage;
    }
    if (e instanceof InputError || isPolicyParseError(e)) {
      io.err(`${prefix}: ${(e as Error).message}\n`);
      return EXIT.usage;
    }
    const detail = e instanceof Error ? (e.stack ?? e.message) : String(e);
    io.err(`${prefix}: internal error — this is a bug in Lockstep, not a problem with your files. Please report it with the command you ran.\n${detail}\n`);
    return EXIT.bug;
  }
}

/** Runs the CLI in this process: arguments from the command line, exit code into `process.exitCode`. */
export function run(argv: readonly string[]): void {
  // `lockstep check | head` closes the pipe early: that is the reader's choice, not an error to report.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit(process.exitCode ?? EXIT.ok);
  });
  process.exitCode = main(argv, {
    out: (text) => void process.stdout.write(text),
    err: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
  });
}

function helpOf(command: Command): string {
  // Every command reads files from outside (policies, templates, workflows): the bounds it holds them to.
  return `usage: ${command.usage}\n\n${command.summary[0].toUpperCase()}${command.summary.slice(1)}.\n\n${command.help}\n\n${LIMITS_HELP}\n`;
}

function overview(): string {
  const lines = Object.values(COMMANDS).map((load) => {
    const c = load();
    return `  ${c.name.padEnd(8)} ${c.summary}`;
  });
  return `usage: ${USAGE}

Lockstep checks that GitHub workflows and the AWS trust policies of the roles they assume agree.

Commands:
${lines.join('\n')}

Exit codes: 0 ok, 1 a finding, 2 a usage, file or config error.
`;
}

/** The model's parse error (a user's malformed policy), recognized without loading the model for it. */
function isPolicyParseError(e: unknown): boolean {
  return e instanceof Error && e.name === 'PolicyParseError';
}
