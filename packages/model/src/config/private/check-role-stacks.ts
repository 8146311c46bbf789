import type { ResolvedEnvironment, ResolvedRole } from '../resolved-config';
import { MAX_ROLE_STACKS, roleResources, roleStackIndex, roleStackName, STACK_RESOURCE_BUDGET } from '../role-stacks';
import { configPath } from './config-path';
import type { IssueList } from './issue-list';

/**
 * Refuses an environment whose roles, hashed over its `roleStacks`, would put more than
 * {@link STACK_RESOURCE_BUDGET} resources in one stack, and names the smallest `roleStacks` whose fullest
 * stack stays under three quarters of the budget (room to grow before the next, moving, change).
 */
export function checkRoleStacks(environments: readonly ResolvedEnvironment[], roles: readonly ResolvedRole[], issues: IssueList): void {
  for (const env of environments) {
    const at = ['environments', env.name, 'roleStacks'];
    // A refused or invalid count has its own issue; the count it stands in for says nothing.
    if (issues.refused(at) || issues.issues.some((issue) => issue.path === configPath(...at))) continue;
    const managed = roles.filter((r) => r.environment === env.name && r.managedBy === 'lockstep');
    const fullest = fullestStack(managed, env.roleStacks);
    if (fullest.resources <= STACK_RESOURCE_BUDGET) continue;
    const fits = (n: number) => fullestStack(managed, n).resources <= (STACK_RESOURCE_BUDGET * 3) / 4;
    let suggested = env.roleStacks + 1;
    while (suggested < MAX_ROLE_STACKS && !fits(suggested)) suggested++;
    const fix = fits(suggested) || fullestStack(managed, suggested).resources <= STACK_RESOURCE_BUDGET
      ? `set it to ${suggested}; a change moves most of the environment's roles to another stack once (deleted and created again: their workflows fail until the deploy ends), see apps/infra/README.md`
      : `even ${MAX_ROLE_STACKS} stacks can't hold them: split the roles over more environments or map more repositories to shared roles`;
    issues.add(
      at,
      `${env.roleStacks} role stacks can't hold the environment's ${managed.length} roles: ${roleStackName(env.name, fullest.index)} would get ${fullest.resources} resources, over the budget of ${STACK_RESOURCE_BUDGET} (CloudFormation allows 500); ${fix}`,
    );
  }
}

function fullestStack(roles: readonly ResolvedRole[], roleStacks: number): { index: number; resources: number } {
  const resources = new Array<number>(roleStacks).fill(0);
  for (const role of roles) resources[roleStackIndex(role.name, roleStacks)] += roleResources(role);
  const most = Math.max(...resources);
  return { index: resources.indexOf(most), resources: most };
}
