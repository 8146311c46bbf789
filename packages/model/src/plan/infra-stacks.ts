import { compareStrings } from '../basics/compare-strings';
import type { ResolvedConfig, ResolvedEnvironment, ResolvedRole } from '../config/resolved-config';
import { roleResources, roleStackIndex, roleStackName, roleTemplateBytes } from '../config/role-stacks';
import { stackSetTemplateName } from '../config/stack-names';
import { environmentCreatesResources, environmentHasBaseResources, stackRoles } from './stack-roles';

/**
 * One CloudFormation stack of the CDK app: an environment's base stack (`Lockstep-<env>`: the GitHub OIDC
 * provider when created, the SAM artifact bucket and any other per-environment resource) or one of its
 * role stacks (`Lockstep-<env>--NN`: the roles hashed to it, each with its permissions).
 */
export interface InfraStack {
  /** The CloudFormation stack name, also the template's file name (`<stackName>.template.json`). */
  readonly stackName: string;
  /** The environment (account + region) the stack deploys to. */
  readonly environment: ResolvedEnvironment;
  /**
   * `base`: per-environment resources; `roles`: Lockstep-managed roles; `stackset`: the stack in the
   * administration account that creates a StackSet environment's StackSet, whose one template holds the
   * environment's provider, artifact bucket and every role.
   */
  readonly kind: 'base' | 'roles' | 'stackset';
  /** For `stackset`: the name of the StackSet's own template (`Lockstep-<env>--stackset`). */
  readonly stackSetTemplate?: string;
  /** The roles the stack creates, sorted by name; none in a base stack. */
  readonly roles: readonly ResolvedRole[];
  /** The resources its roles synthesize to (the base stack's own resources not counted). */
  readonly roleResources: number;
  /** The template bytes its roles are estimated at (`roleTemplateBytes`), at most `STACK_TEMPLATE_BUDGET`. */
  readonly roleTemplateBytes: number;
  /**
   * The stacks that must be deployed first: a role stack depends on its environment's base stack (the
   * provider its trust policies name, the bucket its policies reference), when there is one.
   */
  readonly dependsOn: readonly string[];
}

/**
 * Every stack of the CDK app, in deployment order within an environment (base, then role stacks by
 * number), environments by name. A role's stack is a function of its name and the environment's
 * `roleStacks` only ({@link roleStackIndex}), so adding or removing a repository or role changes only the
 * stack that holds the role. Only role stacks that hold a role exist, and a base stack only when the
 * environment creates its provider or has an artifact bucket: CloudFormation refuses a template without
 * resources. Cross-stack references are the model's literal names and ARNs, never CloudFormation exports,
 * so a stack can be emptied and deleted without touching another.
 */
export function infraStacks(config: ResolvedConfig): InfraStack[] {
  return config.environments.filter((env) => environmentCreatesResources(config, env)).flatMap((environment) => {
    if (environment.stackSet !== undefined) {
      const roles = stackRoles(config, environment);
      return [{
        stackName: environment.stackName,
        environment,
        kind: 'stackset',
        stackSetTemplate: stackSetTemplateName(environment.name),
        roles,
        roleResources: roles.reduce((sum, role) => sum + roleResources(role), 0),
        roleTemplateBytes: roles.reduce((sum, role) => sum + roleTemplateBytes(role), 0),
        dependsOn: [],
      } satisfies InfraStack];
    }
    const base = environmentHasBaseResources(environment) ? [environment.stackName] : [];
    const buckets = new Map<number, ResolvedRole[]>();
    for (const role of stackRoles(config, environment)) {
      const index = roleStackIndex(role.name, environment.roleStacks);
      buckets.set(index, [...(buckets.get(index) ?? []), role]);
    }
    const roleStacks = [...buckets.keys()].sort((a, b) => a - b).map((index): InfraStack => {
      const roles = buckets.get(index)!;
      return {
        stackName: roleStackName(environment.name, index),
        environment,
        kind: 'roles',
        roles,
        roleResources: roles.reduce((sum, role) => sum + roleResources(role), 0),
        roleTemplateBytes: roles.reduce((sum, role) => sum + roleTemplateBytes(role), 0),
        dependsOn: base,
      };
    });
    const baseStack: InfraStack[] = base.map((stackName) => ({ stackName, environment, kind: 'base', roles: [], roleResources: 0, roleTemplateBytes: 0, dependsOn: [] }));
    return [...baseStack, ...roleStacks];
  });
}

/** The stack that creates a Lockstep-managed role, e.g. `Lockstep-testing--07`; undefined for a role managed elsewhere. */
export function roleStackOf(config: ResolvedConfig, role: ResolvedRole): string | undefined {
  if (role.managedBy !== 'lockstep') return undefined;
  const environment = config.environments.find((e) => e.name === role.environment);
  if (environment?.stackSet !== undefined) return environment.stackName;
  return environment && roleStackName(environment.name, roleStackIndex(role.name, environment.roleStacks));
}

/** The stacks by name, for readers that meet a template file and need its environment. */
export function infraStacksByName(config: ResolvedConfig): ReadonlyMap<string, InfraStack> {
  return new Map(infraStacks(config).map((stack) => [stack.stackName, stack]));
}

/** Every stack name, sorted: the template files `npx projen` writes under apps/infra/templates. */
export function infraStackNames(config: ResolvedConfig): string[] {
  return infraStacks(config).map((stack) => stack.stackName).sort(compareStrings);
}

/**
 * The environment a stack of the app deploys to, from its name alone: its base stack `Lockstep-<env>` or
 * any of its role stacks `Lockstep-<env>--NN`, or its StackSet template `Lockstep-<env>--stackset` (also one the current config no longer plans, e.g. a
 * template not yet regenerated); undefined for any other name.
 */
export function environmentOfStack(config: ResolvedConfig, stackName: string): ResolvedEnvironment | undefined {
  const base = /^(.*)--(?:\d+|stackset)$/.exec(stackName)?.[1] ?? stackName;
  return config.environments.find((e) => e.stackName === base);
}
