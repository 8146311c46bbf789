import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_FILES, type ResolvedConfig } from '@lockstep/model';
import { InputError } from './cli-error';
import { gitOriginRepo, withFacts, type RepoIdentity } from './repo-identity';
import { listDirs, listFiles } from './workspace';

/** A repository checkout and its workflow files. */
export interface Checkout {
  /** The checkout's folder (absolute). */
  readonly dir: string;
  readonly repo: RepoIdentity;
  /** `.github/workflows/*.{yml,yaml}`, absolute, sorted. */
  readonly workflows: readonly string[];
}

/**
 * The repository checkouts a folder stands for: itself when it holds `.github/workflows`, else each
 * subfolder that does (a folder of checkouts). Each repository is named by its git `origin` remote, else by
 * its folder's name under the config's owner.
 * @throws InputError for a folder that doesn't exist or holds no checkout
 */
export function findCheckouts(dir: string, shown: string, config: ResolvedConfig | undefined): Checkout[] {
  if (!isDirectory(dir)) throw new InputError(`${shown}: no such directory`);
  const candidates = isDirectory(path.join(dir, REPO_FILES.workflowsDir)) ? [dir] : listDirs(dir).map((d) => path.join(dir, d)).filter((d) => isDirectory(path.join(d, REPO_FILES.workflowsDir)));
  if (candidates.length === 0) throw new InputError(`${shown}: neither a repository checkout (no ${REPO_FILES.workflowsDir}) nor a folder of checkouts`);
  return candidates.map((d) => checkoutAt(d, config));
}

/** One checkout: its repository and workflows. */
export function checkoutAt(dir: string, config: ResolvedConfig | undefined, name?: string): Checkout {
  const remote = gitOriginRepo(dir);
  const owner = remote?.owner ?? config?.github.owner ?? 'OWNER';
  const repo = withFacts(owner, name ?? remote?.name ?? path.basename(dir), config, dir);
  const workflowsDir = path.join(dir, REPO_FILES.workflowsDir);
  return { dir, repo, workflows: listFiles(workflowsDir, '.yml', '.yaml').map((f) => path.join(workflowsDir, f)) };
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}
