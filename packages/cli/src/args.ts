import { UsageError } from './cli-error';

/** How an option takes its value: none (`--json`), one (`--repo X`), or repeatable (`--claim K=V`…). */
export type OptionKind = 'flag' | 'value' | 'list';

/** The options a command accepts, by long name without the dashes. */
export type OptionSpec = Readonly<Record<string, OptionKind>>;

/** A parsed command line: option values by name, and the positional arguments in order. */
export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly values: ReadonlyMap<string, string>;
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly positionals: readonly string[];
}

/**
 * Parses `--name value`, `--name=value`, `--flag` and positionals against a spec; `-h` is `--help`, and
 * `--` ends the options.
 *
 * @throws UsageError for an unknown option, a missing value, a value given to a flag, or an option
 * given twice that takes one value.
 */
export function parseArgs(argv: readonly string[], spec: OptionSpec): ParsedArgs {
  const flags = new Set<string>();
  const values = new Map<string, string>();
  const lists = new Map<string, string[]>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-h') {
      flags.add('help');
      continue;
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(`unknown option "${arg}"`);
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
    const kind = name === 'help' ? 'flag' : spec[name];
    if (kind === undefined) {
      throw new UsageError(`unknown option "--${name}"; expected one of ${listOptions(spec)}`);
    }
    if (kind === 'flag') {
      if (eq !== -1) throw new UsageError(`option "--${name}" takes no value`);
      flags.add(name);
      continue;
    }
    let value: string;
    if (eq !== -1) {
      value = arg.slice(eq + 1);
    } else {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith('--') && next.length > 2)) {
        throw new UsageError(`option "--${name}" needs a value`);
      }
      value = next;
      i++;
    }
    if (value === '') throw new UsageError(`option "--${name}" needs a value`);
    if (kind === 'value') {
      if (values.has(name)) throw new UsageError(`option "--${name}" is given twice; give it once`);
      values.set(name, value);
    } else {
      lists.set(name, [...(lists.get(name) ?? []), value]);
    }
  }
  return { flags, values, lists, positionals };
}

function listOptions(spec: OptionSpec): string {
  return [...Object.keys(spec), 'help'].map((n) => `--${n}`).join(', ');
}
