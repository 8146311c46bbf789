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
