import { InputError } from './cli-error';

/**
 * The bounds every reader of a user's file holds to, so that no input — however large, deep or
 * self-referential — crashes the CLI or runs without end. Each is far above what a real file needs
 * (an IAM trust policy is at most 2,048 characters unless raised to 4,096; a CloudFormation template at most
 * 1 MB through S3; a workflow a few hundred lines) and far below what exhausts memory or the stack.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const INPUT_LIMITS = {
  /** Bytes of one file. */
  bytes: 10 * 1024 * 1024,
  /** Levels of nested lists and maps in one file (a synthesized trust policy uses fewer than 15). */
  depth: 64,
  /** Values in one YAML document once every alias is expanded. */
  values: 100_000,
  /** Jobs of one workflow, and steps of one job (GitHub runs at most 256 jobs from one matrix). */
  jobs: 1_000,
} as const;

/** The limits as `--help` states them, one line. */
export const LIMITS_HELP = `Limits: a file of at most ${INPUT_LIMITS.bytes / 1024 / 1024} MB of UTF-8 text, nested at most ${INPUT_LIMITS.depth} levels deep; a YAML file at most ${grouped(INPUT_LIMITS.values)} values with its aliases expanded; a workflow at most ${grouped(INPUT_LIMITS.jobs)} jobs, a job at most as many steps.`;

/**
 * A whole number with its thousands separated by commas, as `toLocaleString('en-US')` writes it — without
 * loading ICU's number formatting, which costs every process that loads this module (each command) more
 * than the rest of its start-up.
 */
function grouped(n: number): string {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** One decoder for every file: without `stream`, each `decode` starts afresh, and making one costs more than decoding a small file. */
const UTF8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * The text of a file's bytes, refused with one line naming the file when it is too large, not UTF-8 (UTF-16,
 * invalid sequences) or holds a NUL byte. A UTF-8 byte-order mark is dropped, as editors on Windows write one.
 */
export function decodeText(bytes: Buffer, shown: string, what: string): string {
  if (bytes.length > INPUT_LIMITS.bytes) {
    throw new InputError(`${shown}: the ${what} is ${bytes.length} bytes, above the limit of ${INPUT_LIMITS.bytes} bytes`);
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    throw new InputError(`${shown}: the ${what} is UTF-16 text; save it as UTF-8 (e.g. \`iconv -f UTF-16 -t UTF-8\`)`);
  }
  let text: string;
  try {
    text = UTF8.decode(bytes);
  } catch {
    throw new InputError(`${shown}: the ${what} is not valid UTF-8 text (at byte ${firstInvalidUtf8(bytes)})`);
  }
  const nul = text.indexOf('\0');
  if (nul !== -1) throw new InputError(`${shown}: the ${what} holds a NUL character (at offset ${nul}); expected text`);
  return text;
}

/**
 * Refuses a parsed value nested deeper than the limit, or (for YAML, whose aliases share values) holding more
 * values than the limit once aliases are expanded; a value that contains itself is both. Iterative: the walk
 * itself never exhausts the stack, and it stops at the first value past a limit.
 * @throws InputError naming the file and the limit.
 */
export function checkShape(root: unknown, shown: string, what: string, maxValues: number = Number.POSITIVE_INFINITY): void {
  // Two parallel stacks rather than a [value, depth] pair per value: this walks every value of every
  // template and workflow a check reads, and the pairs were most of its cost.
  const values: unknown[] = [root];
  const depths: number[] = [1];
  let count = 0;
  const tooMany = () => new InputError(`${shown}: the ${what} holds more than ${maxValues} values once its aliases are expanded (the limit)`);
  while (values.length > 0) {
    const value = values.pop();
    const depth = depths.pop() as number;
    if (++count > maxValues) throw tooMany();
    if (typeof value !== 'object' || value === null) continue;
    if (depth > INPUT_LIMITS.depth) throw new InputError(depthMessage(shown, what));
    const children = Array.isArray(value) ? (value as unknown[]) : Object.values(value);
    for (let i = 0; i < children.length; i++) {
      const child = children[i];
      if (typeof child === 'object' && child !== null) {
        values.push(child);
        depths.push(depth + 1);
      } else if (++count > maxValues) {
        throw tooMany();
      }
    }
  }
}

/** The message for a file nested past the limit; also for a parser that ran out of stack on it. */
export function depthMessage(shown: string, what: string): string {
  return `${shown}: the ${what} nests lists and maps more than ${INPUT_LIMITS.depth} levels deep (the limit)`;
}

/** True for the error V8 throws when recursion exhausts the stack. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}

function firstInvalidUtf8(bytes: Buffer): number {
  // Bisect for the longest prefix that decodes; `stream` lets a prefix end inside a valid sequence.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid), { stream: true });
      lo = mid;
    } catch {
      hi = mid - 1;
    }
  }
  // The longest prefix may end inside the malformed sequence's lead bytes: back up to where it starts.
  for (let start = lo; start >= Math.max(0, lo - 3); start--) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, start));
      return start;
    } catch {
      // an incomplete sequence still: one byte further back
    }
  }
  return lo;
}
