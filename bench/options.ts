import * as path from 'node:path';

/** What `npm run bench -- …` was asked to measure. */
export interface BenchOptions {
  /** Numbers of repositories, each a synthetic config (`--sizes 1,10`). */
  readonly sizes: readonly number[];
  /** Interleaved rounds per size; every figure is the median over them (`--runs`). */
  readonly runs: number;
  /** Whether to measure `cdk synth` too (`--synth`): informational, and slow at large sizes. */
  readonly synth: boolean;
  /** Runs of the README's test command with a cold nx cache (`--test-runs`, 0 to skip). */
  readonly testRuns: number;
  /** Where the Markdown report goes (`--out`). */
  readonly out: string;
  /** A line printed above the report, e.g. to label a sample taken under load (`--note`). */
  readonly note: string | undefined;
}

/** The sizes of the "Done when" (#17): the targets are stated at 1, 1,000 and 5,000. */
export const DEFAULT_SIZES = [1, 10, 100, 1_000, 3_000, 5_000];

const USAGE = 'usage: npm run bench -- [--sizes 1,10,100] [--runs 5] [--synth] [--test-runs 2] [--out bench/results.md] [--note "…"]';

/** Parses the command line; an unknown or malformed option stops with the usage line, not a stack. */
export function parseOptions(argv: readonly string[], repoRoot: string): BenchOptions {
  let sizes = DEFAULT_SIZES;
  let runs = 5;
  let synth = false;
  let testRuns = 2;
  let out = path.join(repoRoot, 'bench', 'results.md');
  let note: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const value = (): string => {
      const next = argv[++i];
      if (next === undefined) fail(`${argv[i - 1]} needs a value`);
      return next;
    };
    switch (argv[i]) {
      case '--sizes':
        sizes = value().split(',').map((s) => positiveInteger('--sizes', s));
        break;
      case '--runs':
        runs = positiveInteger('--runs', value());
        break;
      case '--synth':
        synth = true;
        break;
      case '--test-runs': {
        const text = value();
        testRuns = text === '0' ? 0 : positiveInteger('--test-runs', text);
        break;
      }
      case '--out':
        out = path.resolve(value());
        break;
      case '--note':
        // Every word up to the next option: projen passes `npm run bench -- --note "a b"` on unquoted.
        note = value();
        while (argv[i + 1] !== undefined && !argv[i + 1].startsWith('--')) note += ` ${argv[++i]}`;
        break;
      default:
        fail(`unknown option "${argv[i]}"`);
    }
  }
  return { sizes, runs, synth, testRuns, out, note };
}

function positiveInteger(option: string, text: string): number {
  const n = Number(text.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 1) fail(`${option}: "${text}" is not a positive whole number`);
  return n;
}

function fail(message: string): never {
  process.stderr.write(`bench: ${message}\n${USAGE}\n`);
  process.exit(2);
}
