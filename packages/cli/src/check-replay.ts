import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { Io } from './command';
import { contentProof, proofOfOpen, stillProven } from './file-stamp';

/** Bump when the record's shape or the meaning of an observation changes: older records are then ignored. */
const REPLAY_VERSION = 2;
/** The CLI's own derived-data caches: keyed by content, never an input of the result. */
const OWN_CACHE = `${path.sep}node_modules${path.sep}.cache${path.sep}lockstep${path.sep}`;

/** What a finished `lockstep check` printed and returned, and every file system answer it was computed from. */
interface Replay {
  readonly version: number;
  readonly node: string;
  readonly observations: readonly (readonly [string, string])[];
  readonly exit: number;
  readonly out: string;
  readonly err: string;
}

/**
 * The report and exit code of the last `lockstep check` run with the same arguments from the same directory,
 * when every answer the file system gave that run is still the same; otherwise undefined (run the check).
 *
 * Why: a check reads every generated workflow, template and trust policy and derives every subject, which at
 * a thousand repositories is most of a second, while the usual run follows a regeneration or a commit that
 * changed nothing it reads. Its result is a function of its arguments, its working directory, the
 * `LOCKSTEP_*` environment, and what it read: every file's content, every directory listing, every
 * existence and type test, the code it ran (its modules are files too) — {@link recordCheck} observes all
 * of those through `node:fs` as the check makes them, and a replay re-asks each question and compares the
 * answer. A run that starts a process (git) or reads something that is not a regular file (standard
 * input, a pipe) is not recorded. The record lives in the `node_modules/.cache/lockstep` nearest the
 * working directory; `LOCKSTEP_NO_CACHE=1` turns it off.
 */
export function replayCheck(argv: readonly string[], io: Io): number | undefined {
  const file = replayFile(argv, io.cwd);
  if (file === undefined) return undefined;
  let replay: Replay;
  try {
    replay = JSON.parse(fs.readFileSync(file, 'utf8')) as Replay;
  } catch {
    return undefined;
  }
  if (replay.version !== REPLAY_VERSION || replay.node !== process.version || !Array.isArray(replay.observations)) return undefined;
  for (const [question, answer] of replay.observations) {
    if (!stillAnswers(question, answer)) return undefined;
  }
  if (replay.out !== '') io.out(replay.out);
  if (replay.err !== '') io.err(replay.err);
  return replay.exit;
}

/**
 * Runs a check while observing every file system answer it gets (see {@link replayCheck}), and records its
 * report and exit code with them when it ends with 0 or 1.
 */
export function recordCheck(argv: readonly string[], io: Io, run: (io: Io) => number): number {
  const file = replayFile(argv, io.cwd);
  if (file === undefined) return run(io);
  const observed = new Map<string, string>();
  let replayable = true;
  const out: string[] = [];
  const err: string[] = [];
  const restore = observe(observed, () => {
    replayable = false;
  });
  let exit: number;
  try {
    exit = run({ cwd: io.cwd, out: (t) => (out.push(t), io.out(t)), err: (t) => (err.push(t), io.err(t)) });
  } finally {
    restore();
  }
  if (!replayable || (exit !== 0 && exit !== 1)) return exit;
  // The code that ran, including what was loaded before observing began.
  for (const module of Object.keys(require.cache)) observed.set(`c${module}`, ask(`c${module}`));
  const replay: Replay = { version: REPLAY_VERSION, node: process.version, observations: [...observed], exit, out: out.join(''), err: err.join('') };
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify(replay));
    fs.renameSync(temp, file); // atomic: a concurrent run reads the old or the new record, never half
  } catch {
    // Only an optimization: a read-only checkout works, just without it.
  }
  return exit;
}

/** Functions and values of a module, patchable. */
type Patchable = Record<string, unknown>;

/** The record for these arguments from this directory, or undefined when there is nowhere to keep it. */
function replayFile(argv: readonly string[], cwd: string): string | undefined {
  if (process.env.LOCKSTEP_NO_CACHE === '1') return undefined;
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    if (isDirectory(path.join(dir, 'node_modules'))) {
      const env = Object.keys(process.env).filter((k) => k.startsWith('LOCKSTEP_')).sort().map((k) => [k, process.env[k]]);
      // This module's own path tells the compiled CLI (lib/) from its sources run through tsx.
      const key = createHash('sha1').update(JSON.stringify([path.resolve(cwd), argv, env, __filename])).digest('hex');
      return path.join(dir, 'node_modules', '.cache', 'lockstep', 'check', `${key}.json`);
    }
    if (path.dirname(dir) === dir) return undefined;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

/**
 * A question to the file system, as a kind letter and an absolute path, and its answer now:
 * `c` the content (see {@link contentAnswer}), `e` existence, `s` the type, size and mode after following
 * links, `l` the same without following them, `d` the sorted listing with each entry's type, `r` the real path.
 */
function ask(question: string): string {
  const kind = question[0];
  const p = question.slice(1);
  try {
    switch (kind) {
      case 'c':
        return contentAnswer(p);
      case 'e':
        return original.existsSync(p) ? '1' : '0';
      case 's':
        return describe(original.statSync(p));
      case 'l':
        return describe(original.lstatSync(p));
      case 'd':
        return listing(original.readdirSync(p, { withFileTypes: true }));
      case 'r':
        return original.realpathSync(p);
      default:
        return '?';
    }
  } catch (e) {
    return `!${(e as NodeJS.ErrnoException).code ?? 'error'}`;
  }
}

/** A directory's listing as the `d` answer: each entry's name and type, sorted. */
function listing(entries: readonly fs.Dirent[]): string {
  return entries
    .map((e) => `${e.name}/${e.isDirectory() ? 'd' : e.isFile() ? 'f' : e.isSymbolicLink() ? 'l' : 'o'}`)
    .sort()
    .join('\0');
}

/** Whether `readdirSync` options give what {@link listing} needs: entries with their types, names as strings, one level. */
function listsTypes(options: unknown): boolean {
  const o = options as { withFileTypes?: unknown; recursive?: unknown; encoding?: unknown } | null | undefined;
  return o?.withFileTypes === true && o.recursive !== true && (o.encoding === undefined || o.encoding === 'utf8');
}

/** The content answer for something that is not a readable regular file (a directory, a pipe): never recorded. */
const NOT_A_FILE = 'o';

/**
 * What a file's content is known by ({@link contentProof}: its stamp, plus its hash while it is racy), or
 * why there is none. Stamps make the record cheap to write and to check: a check reads thousands of files,
 * and hashing each again cost more than a tenth of the check.
 */
function contentAnswer(p: string): string {
  return contentProof(p) ?? (original.existsSync(p) ? NOT_A_FILE : '!ENOENT');
}

/** Whether the file system still gives the recorded answer; for a content answer, see {@link stillProven}. */
function stillAnswers(question: string, recorded: string): boolean {
  if (question[0] !== 'c' || recorded.startsWith('!')) return ask(question) === recorded;
  return stillProven(question.slice(1), recorded);
}

function describe(stat: fs.Stats): string {
  const type = stat.isFile() ? 'f' : stat.isDirectory() ? 'd' : stat.isSymbolicLink() ? 'l' : 'o';
  return `${type}:${stat.isFile() ? stat.size : 0}:${stat.mode}`;
}

/**
 * The modules themselves, not an import's view of them: an `import * as` namespace has read-only
 * properties, and every other module's calls go through the module object.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realFs = require('node:fs') as typeof fs;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realChildProcess = require('node:child_process') as typeof import('node:child_process');
const fsPatch = realFs as unknown as Patchable;
const childProcessPatch = realChildProcess as unknown as Patchable;

/** The functions of node:fs and node:child_process that {@link observe} wraps, as they were. */
const original = {
  readFileSync: realFs.readFileSync,
  existsSync: realFs.existsSync,
  statSync: realFs.statSync,
  lstatSync: realFs.lstatSync,
  readdirSync: realFs.readdirSync,
  realpathSync: realFs.realpathSync,
  openSync: realFs.openSync,
  spawnSync: realChildProcess.spawnSync,
};

/**
 * Wraps node:fs so that each question the check asks is noted with its answer (the answer is computed the
 * way {@link ask} computes it, so a replay compares like with like), and child_process so that starting a
 * process marks the run as not replayable. Returns how to undo it.
 */
function observe(observed: Map<string, string>, unreplayable: () => void): () => void {
  // An error inside `ask` may have its stack mapped through source maps, which reads files through the
  // wrapped functions: those reads are the observer's own, not the check's.
  let asking = false;
  // `answerNow`, when given, makes the answer from what the call itself returned, as `ask` would have made it.
  const note = (kind: string, target: unknown, answerNow?: () => string | undefined) => {
    if (asking) return;
    if (typeof target !== 'string' && !(target instanceof URL) && !Buffer.isBuffer(target)) {
      // A file descriptor: what it reads is not a path we can ask about again.
      unreplayable();
      return;
    }
    const p = path.resolve(String(target instanceof URL ? target.pathname : target));
    if (p.includes(OWN_CACHE)) return;
    const question = `${kind}${p}`;
    if (observed.has(question)) return;
    asking = true;
    try {
      const answer = answerNow?.() ?? ask(question);
      observed.set(question, answer);
      if (answer === NOT_A_FILE) unreplayable();
    } finally {
      asking = false;
    }
  };
  type AnyFunction = (...args: unknown[]) => unknown;
  const wrap = (fn: unknown, kind: string) =>
    function (this: unknown, ...args: unknown[]) {
      note(kind, args[0]);
      return (fn as AnyFunction).apply(this, args);
    };
  // Noted after the call, from its result: a check opens and lists thousands of files and folders, and
  // asking each question again doubled what those calls cost.
  const wrapAnswered = (fn: unknown, kind: string, answered: (result: unknown, args: unknown[]) => string | undefined) =>
    function (this: unknown, ...args: unknown[]) {
      let result: unknown;
      try {
        result = (fn as AnyFunction).apply(this, args);
      } catch (e) {
        note(kind, args[0]);
        throw e;
      }
      note(kind, args[0], () => {
        try {
          return answered(result, args);
        } catch {
          return undefined; // asked again by path
        }
      });
      return result;
    };
  fsPatch.readFileSync = wrap(original.readFileSync, 'c');
  // Only a descriptor opened for reading can be read for the content's hash (e.g. jest's cache writes too).
  fsPatch.openSync = wrapAnswered(original.openSync, 'c', (fd, args) => (args[1] === undefined || args[1] === 'r' ? proofOfOpen(fd as number) ?? NOT_A_FILE : undefined));
  fsPatch.existsSync = wrapAnswered(original.existsSync, 'e', (exists) => (exists ? '1' : '0'));
  // Without an entry (`throwIfNoEntry: false`) there is no result to describe: asked again by path.
  fsPatch.statSync = wrapAnswered(original.statSync, 's', (stat) => (stat === undefined ? undefined : describe(stat as fs.Stats)));
  fsPatch.lstatSync = wrapAnswered(original.lstatSync, 'l', (stat) => (stat === undefined ? undefined : describe(stat as fs.Stats)));
  fsPatch.readdirSync = wrapAnswered(original.readdirSync, 'd', (entries, args) => (listsTypes(args[1]) ? listing(entries as fs.Dirent[]) : undefined));
  fsPatch.realpathSync = wrapAnswered(original.realpathSync, 'r', (real) => (typeof real === 'string' ? real : undefined));
  childProcessPatch.spawnSync = function (this: unknown, ...args: unknown[]) {
    unreplayable();
    return (original.spawnSync as AnyFunction).apply(this, args);
  };
  return () => {
    for (const [name, fn] of Object.entries(original)) {
      if (name === 'spawnSync') childProcessPatch.spawnSync = fn;
      else fsPatch[name] = fn;
    }
  };
}
