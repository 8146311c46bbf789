import { spawnSync } from 'node:child_process';
import { InputError } from './cli-error';

/** A local git checkout, as far as `lockstep sync` needs to know it. */
export interface GitCheckout {
  /** The top-level directory of the working tree (`git rev-parse --show-toplevel`), a real path. */
  readonly top: string;
  /** The URL of the `origin` remote; undefined when there is none. */
  readonly origin?: string;
}

/** Whether `dir` is inside a git working tree, and if so which one. */
export type GitCheckoutResult = { readonly checkout: GitCheckout } | { readonly problem: string };

/**
 * Reads the git checkout holding `dir` with the `git` command: its top level and its `origin` URL.
 *
 * @returns the checkout, or, when `dir` is in none, git's own one-line reason (e.g. "not a git
 * repository", or "detected dubious ownership").
 * @throws InputError when git itself cannot be run.
 */
export function readGitCheckout(dir: string): GitCheckoutResult {
  const top = git(dir, ['rev-parse', '--show-toplevel']);
  if (!top.ok) return { problem: top.error };
  const origin = git(dir, ['remote', 'get-url', 'origin']);
  return { checkout: { top: top.output, ...(origin.ok ? { origin: origin.output } : {}) } };
}

/**
 * `OWNER/REPO` of a GitHub remote URL, in the forms `git clone` takes: `https://github.com/O/R(.git)`,
 * `git@github.com:O/R(.git)`, `ssh://git@github.com/O/R(.git)` (also with a user in the https form, a port
 * in the ssh one, and `git://`). Undefined for any other host or shape.
 *
 * @example githubRemote('git@github.com:honeyhiveai/python-sdk.git') // { owner: 'honeyhiveai', name: 'python-sdk' }
 */
export function githubRemote(url: string): { owner: string; name: string } | undefined {
  const m = /^(?:(?:https?|ssh|git):\/\/(?:[^@/]+@)?github\.com(?::\d+)?\/|(?:[^@/:]+@)?github\.com:\/?)([A-Za-z0-9-]+)\/([A-Za-z0-9._-]+?)(?:\.git)?\/?$/i.exec(url.trim());
  if (!m || m[2] === '.' || m[2] === '..') return undefined;
  return { owner: m[1], name: m[2] };
}

/**
 * The paths among `paths` (relative to the checkout's top level, with `/`) that hold work git has not
 * committed — modified, staged, deleted, untracked or ignored — each with its two-letter status
 * (`git status --porcelain`: ` M`, `M `, `??`, `!!`, …). A path that is absent from the map is as HEAD has it.
 * @see https://git-scm.com/docs/git-status#_short_format
 */
export function uncommittedPaths(top: string, paths: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  if (paths.length === 0) return found;
  const result = spawnSync('git', ['-C', top, 'status', '--porcelain=v1', '-z', '--ignored=matching', '--untracked-files=all', '--', ...paths], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    timeout: 10_000,
  });
  if (result.error !== undefined || result.status !== 0) {
    const reason = result.error?.message ?? (result.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? `exit ${result.status}`;
    throw new InputError(`cannot tell whether the checkout ${top} has uncommitted changes (git status: ${reason.replace(/^fatal: /, '').trim()}); sync writes nothing then`);
  }
  const entries = (result.stdout ?? '').split('\0');
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.length < 4) continue;
    found.set(entry.slice(3), entry.slice(0, 2));
    // A rename or copy is followed by its source path.
    if (entry[0] === 'R' || entry[0] === 'C') i++;
  }
  return found;
}

function git(dir: string, args: string[]): { ok: true; output: string } | { ok: false; error: string } {
  const result = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 10_000 });
  if (result.error !== undefined) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'git is not installed (or not on PATH); sync needs it to recognize the checkout' : `cannot run git: ${result.error.message}`);
  }
  const output = (result.stdout ?? '').trim();
  if (result.status === 0 && output !== '') return { ok: true, output };
  const reason = (result.stderr ?? '').split('\n').find((l) => l.trim() !== '') ?? `git ${args.join(' ')} exited with ${result.status}`;
  return { ok: false, error: reason.replace(/^fatal: /, '').trim() };
}
