import type { OptionSpec, ParsedArgs } from './args';

/** Where a command writes, and where it runs. */
export interface Io {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly cwd: string;
}

/** Exit codes of every command. */
export const EXIT = {
  /** Everything holds / allowed / no error finding. */
  ok: 0,
  /** A finding: a check error, a denied run, an audit error. */
  finding: 1,
  /** The command was called wrongly, or a file or the config could not be read. */
  usage: 2,
  /** A bug in Lockstep (an unexpected exception). */
  bug: 70,
} as const;

/** One `lockstep` subcommand. */
export interface Command {
  readonly name: string;
  /** One line: what it does. */
  readonly summary: string;
  /** The synopsis, e.g. `lockstep audit FILE [--json]`. */
  readonly usage: string;
  /** The text of `--help` after the usage line. */
  readonly help: string;
  readonly options: OptionSpec;
  /** Runs with parsed arguments; returns the exit code. Throws UsageError / InputError for the boundary. */
  run(args: ParsedArgs, io: Io): number;
}
