import { LAYOUT, type ResolvedConfig } from '@lockstep/model';
import { RepoFiles, type RenderingReuse } from '@lockstep/projen';
import type { Project } from 'projen';

/**
 * Wires the generated files of every onboarded repository (apps/repos/<repo>/…): the lambda-tests
 * workflow and its docs page for each repository with `lambdaTests`. A repository removed from the
 * config loses its files at the next `npx projen`. `reuse` takes a file from its last rendering when
 * its inputs are unchanged (see `RenderingCache`).
 */
export function repoFiles(root: Project, config: ResolvedConfig, reuse?: RenderingReuse): RepoFiles {
  return new RepoFiles(root, { config, outdir: LAYOUT.reposDir, reuse });
}
