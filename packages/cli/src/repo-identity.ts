import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import type { ResolvedConfig, ResolvedRepo, SubjectFormat } from '@lockstep/model';
import { InputError, UsageError } from './cli-error';
import { isInside, type Workspace } from './workspace';

/** The GitHub repository a workflow runs in, with what its subjects depend on. */
export interface RepoIdentity {
  readonly owner: string;
  readonly name: string;
  /** `OWNER/REPO` in GitHub's canonical casing when the config knows the repository. */
  readonly fullName: string;
  readonly ownerId?: string;
  readonly repoId?: string;
  readonly format: SubjectFormat;
  readonly defaultBranch: string;
  /** The repository's config entry, when it is onboarded. */
  readonly configured?: ResolvedRepo;
  /** What had to be assumed because the config doesn't know the repository, in words. */
  readonly assumptions: readonly string[];
}

const FULL_NAME = /^([A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)\/([A-Za-z0-9._-]+)$/;

/** Parses `--repo OWNER/REPO`. @throws UsageError for anything else. */
export function parseFullName(value: string, option = '--repo'): { owner: string; name: string } {
  const m = FULL_NAME.exec(value);
  if (!m || m[2] === '.' || m[2] === '..') throw new UsageError(`${option} "${value}": expected OWNER/REPO, e.g. honeyhiveai/python-sdk`);
  return { owner: m[1], name: m[2] };
}

/**
 * Which repository a workflow file belongs to: `--repo` when given; else `apps/repos/<repo>/…` of the
 * workspace (owner from the config); else the `origin` remote of the git checkout holding the file.
 *
 * @throws InputError when none of these tells.
 */
export function identifyRepo(file: string, shown: string, workspace: Workspace, config: ResolvedConfig | undefined, explicit?: string): RepoIdentity {
  if (explicit !== undefined) {
    const { owner, name } = parseFullName(explicit);
    return withFacts(owner, name, config, path.dirname(file));
  }
  const absolute = path.resolve(file);
  if (isInside(absolute, workspace.reposDir)) {
    const name = absolute.slice(workspace.reposDir.length + 1).split(path.sep)[0];
    if (config !== undefined) return withFacts(config.github.owner, name, config, undefined);
    // The checkout's remote would name the Lockstep repository itself, not the target repository.
    throw new InputError(`${shown}: the workspace has no lockstep.config.ts to tell the owner of "${name}"; check it with --workflow ${shown} --repo OWNER/${name}`);
  }
  const remote = gitOriginRepo(path.dirname(path.resolve(file)));
  if (remote !== undefined) return withFacts(remote.owner, remote.name, config, path.dirname(path.resolve(file)));
  throw new InputError(`${shown}: cannot tell which GitHub repository this workflow belongs to (not under apps/repos/<repo>/, no GitHub "origin" remote); pass --repo OWNER/REPO`);
}

/** The identity of `OWNER/REPO` with the config's facts, or stated assumptions when it isn't onboarded. */
export function withFacts(owner: string, name: string, config: ResolvedConfig | undefined, checkout: string | undefined): RepoIdentity {
  const wanted = `${owner}/${name}`.toLowerCase();
  // GitHub names are case-insensitive, IAM's matching is not: the config holds the canonical casing.
  const configured = config !== undefined ? reposByName(config).get(wanted) : undefined;
  if (configured !== undefined && config !== undefined) {
    const [canonicalOwner, canonicalName] = configured.fullName.split('/');
    return {
      owner: canonicalOwner,
      name: canonicalName,
      fullName: configured.fullName,
      ownerId: config.github.ownerId,
      repoId: configured.id,
      format: configured.subjectFormat,
      defaultBranch: configured.defaultBranch,
      configured,
      assumptions: [],
    };
  }
  const assumptions = [`${owner}/${name} is not in lockstep.config.ts, so its subjects are taken to be name-based (repo:${owner}/${name}:…)`];
  let defaultBranch = checkout !== undefined ? gitDefaultBranch(checkout) : undefined;
  if (defaultBranch === undefined) {
    defaultBranch = 'main';
    assumptions.push('its default branch is assumed to be "main"');
  }
  return { owner, name, fullName: `${owner}/${name}`, format: 'legacy', defaultBranch, assumptions };
}

/** `OWNER/REPO` of the `origin` remote of the checkout holding `dir`, when it is on GitHub. */
export function gitOriginRepo(dir: string): { owner: string; name: string } | undefined {
  const url = git(dir, ['remote', 'get-url', 'origin']);
  if (url === undefined) return undefined;
  const m = /github\.com[:/]([^/]+)\/([^/]+?)(?:\.git)?\/?$/.exec(url);
  return m ? { owner: m[1], name: m[2] } : undefined;
}

function gitDefaultBranch(dir: string): string | undefined {
  const ref = git(dir, ['symbolic-ref', '--quiet', '--short', 'refs/remotes/origin/HEAD']);
  return ref?.startsWith('origin/') ? ref.slice('origin/'.length) : undefined;
}

function git(dir: string, args: string[]): string | undefined {
  const result = spawnSync('git', ['-C', dir, ...args], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 });
  if (result.status !== 0 || typeof result.stdout !== 'string') return undefined;
  const out = result.stdout.trim();
  return out === '' ? undefined : out;
}

const byName = new WeakMap<ResolvedConfig, Map<string, ResolvedRepo>>();

/** The config's repositories by lower-case full name, indexed once per config. */
function reposByName(config: ResolvedConfig): Map<string, ResolvedRepo> {
  let index = byName.get(config);
  if (index === undefined) {
    index = new Map(config.repos.map((r) => [r.fullName.toLowerCase(), r]));
    byName.set(config, index);
  }
  return index;
}
