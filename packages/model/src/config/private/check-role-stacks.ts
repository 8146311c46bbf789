import type { ResolvedEnvironment, ResolvedRole } from '../resolved-config';
import { MAX_ROLE_STACKS, roleResources, roleStackIndex, roleStackName, roleTemplateBytes, STACK_RESOURCE_BUDGET, STACK_TEMPLATE_BUDGET } from '../role-stacks';
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
    if (env.stackSet !== undefined) {
      checkStackSet(env, managed, issues);
      continue;
    }
    const fullest = fullestStack(managed, env.roleStacks);
    if (fullest.resources <= STACK_RESOURCE_BUDGET && fullest.bytes <= STACK_TEMPLATE_BUDGET) continue;
    const within = (n: number, share: number) => {
      const f = fullestStack(managed, n);
      return f.resources <= STACK_RESOURCE_BUDGET * share && f.bytes <= STACK_TEMPLATE_BUDGET * share;
    };
    let suggested = env.roleStacks + 1;
    while (suggested < MAX_ROLE_STACKS && !within(suggested, 3 / 4)) suggested++;
    const over = fullest.resources > STACK_RESOURCE_BUDGET
      ? `${fullest.resources} resources, over the budget of ${STACK_RESOURCE_BUDGET} (CloudFormation allows 500)`
      : `a template of about ${fullest.bytes} bytes, over the budget of ${STACK_TEMPLATE_BUDGET} (CloudFormation allows 1 MB)`;
    const fix = within(suggested, 1)
      ? `set it to ${suggested}; a change moves most of the environment's roles to another stack once (deleted and created again: their workflows fail until the deploy ends), see apps/infra/README.md`
      : `even ${MAX_ROLE_STACKS} stacks can't hold them: split the roles over more environments or map more repositories to shared roles`;
    issues.add(
      at,
      `${env.roleStacks} role stacks can't hold the environment's ${managed.length} roles: ${roleStackName(env.name, fullest.index)} would get ${over}; ${fix}`,
    );
  }
}

/** The stack with the most resources (or, when none is over the resource budget, the most bytes). */
function fullestStack(roles: readonly ResolvedRole[], roleStacks: number): { index: number; resources: number; bytes: number } {
  const resources = new Array<number>(roleStacks).fill(0);
  const bytes = new Array<number>(roleStacks).fill(0);
  for (const role of roles) {
    const i = roleStackIndex(role.name, roleStacks);
    resources[i] += roleResources(role);
    bytes[i] += roleTemplateBytes(role);
  }
  const mostResources = Math.max(...resources);
  const index = mostResources > STACK_RESOURCE_BUDGET ? resources.indexOf(mostResources) : bytes.indexOf(Math.max(...bytes));
  return { index, resources: resources[index], bytes: bytes[index] };
}

/**
 * A StackSet environment is one template (a StackSet is not sharded like role stacks): refused when its
 * roles and base resources would pass {@link STACK_RESOURCE_BUDGET}. Its size as an inline `TemplateBody`
 * (51,200 bytes) is measured by the CDK app, which refuses a larger one.
 */
function checkStackSet(env: ResolvedEnvironment, managed: readonly ResolvedRole[], issues: IssueList): void {
  const resources = managed.reduce((sum, role) => sum + roleResources(role), 0) + BASE_RESOURCES;
  if (resources <= STACK_RESOURCE_BUDGET) return;
  issues.add(
    ['environments', env.name, 'stackSet'],
    `the StackSet template would hold ${resources} resources (${managed.length} roles), over the budget of ${STACK_RESOURCE_BUDGET} (CloudFormation allows 500 a stack); `
    + 'split the roles over more StackSet environments (same organizational units, other roles) or map more repositories to shared roles',
  );
}

/** The provider and the artifact bucket: counted whether or not the environment has them. */
const BASE_RESOURCES = 2;
