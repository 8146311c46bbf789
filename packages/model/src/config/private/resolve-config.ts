import type { LockstepConfig } from '../config';
import type { ResolvedConfig } from '../resolved-config';
import { byName } from '../../basics/compare-strings';
import { dropUndefined } from './drop-undefined';
import { checkRoleStacks } from './check-role-stacks';
import { finishRoles } from './finish-roles';
import { withNamesakes } from './namesakes';
import { numericIdProblem, ownerNameProblem } from './github-names';
import type { IssueList } from './issue-list';
import { resolveEnvironments } from './resolve-environments';
import { resolveRepos } from './resolve-repos';
import { resolveRoles } from './resolve-roles';
import { resolveCentralWorkflow } from './workflow-binding';
import { resolveSweeper } from './resolve-sweeper';

/**
 * Validates a structurally sound config and derives everything from it, collecting every problem in
 * `issues`. The result is complete whatever the problems (invalid parts resolve to placeholders), so that
 * one mistake doesn't hide the next; it must only be used when `issues` stays empty.
 */
export function resolveConfig(config: LockstepConfig, issues: IssueList): ResolvedConfig {
  const { owner, ownerId } = config.github;
  issues.add(['github', 'owner'], ownerNameProblem(owner));
  if (ownerId !== undefined) issues.add(['github', 'ownerId'], numericIdProblem(ownerId, 'owner', `https://api.github.com/users/${owner}`));

  const centralWorkflow = resolveCentralWorkflow(config, issues);
  const environments = resolveEnvironments(config, issues);
  const roleDrafts = resolveRoles(config, environments, issues);
  const finished = finishRoles(roleDrafts, resolveRepos(config, environments, roleDrafts, centralWorkflow, issues), issues);
  const { repos, unusedRoles } = finished;
  const roles = withNamesakes(finished.roles, repos);
  const sweeper = resolveSweeper(config, environments, roles, repos, issues);
  const allRoles = [...roles, ...sweeper.roles].sort(byName);
  const resolvedEnvironments = [...environments.values()]
    .map((env) => {
      const samRole = roles.find((r) => r.environment === env.name && r.samTesting !== undefined);
      return samRole ? { ...env, artifactBucket: samRole.samTesting!.artifactBucket } : env;
    })
    .sort(byName);
  checkRoleStacks(resolvedEnvironments, allRoles, issues);
  return dropUndefined({
    github: { owner, ownerId, centralWorkflow },
    environments: resolvedEnvironments,
    roles: allRoles,
    repos: [...repos].sort(byName),
    unusedRoles,
    sweeper: sweeper.sweeper,
  });
}
