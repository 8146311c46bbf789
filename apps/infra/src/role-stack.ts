import type { InfraStack, ResolvedConfig } from '@lockstep/model';
import { GitHubActionsRole, GitHubOidcProvider, SamLambdaTesting, TestStackSweeper } from '@lockstep/constructs';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { lockstepStackProps } from './private/lockstep-stack-props';

/** Properties of a {@link RoleStack}. */
export interface RoleStackProps {
  /** The whole resolved config: the roles' permissions read the repositories mapped to them. */
  readonly config: ResolvedConfig;
  /** The stack as the model planned it (`infraStacks`): its name, environment and roles. */
  readonly stack: InfraStack;
}

/**
 * One role stack of an environment (`Lockstep-<env>--NN`): the Lockstep-managed roles the model hashed to
 * it, each with its permissions. The provider is referenced by its ARN (IAM names it after its URL, so the
 * model knows it); when the environment's base stack creates it, the app makes this stack depend on that one.
 *
 * Roles are added in the model's order (sorted by name) under ids derived from names only, so reordering
 * the config changes no byte of the template.
 */
export class RoleStack extends Stack {
  constructor(scope: Construct, props: RoleStackProps) {
    const { config, stack } = props;
    const { environment } = stack;
    if (stack.kind !== 'roles' || stack.roles.length === 0) {
      throw new Error(`RoleStack ${stack.stackName}: the model planned no role for it; CloudFormation refuses a template without resources`);
    }
    super(scope, stack.stackName, lockstepStackProps(environment, stack.stackName, `Lockstep: GitHub OIDC roles of environment "${environment.name}" (one of its role stacks; a role's stack is a hash of its name).`));

    // Imported here whatever the environment's mode: a created provider is the base stack's resource.
    const provider = new GitHubOidcProvider(this, 'GitHubOidcProvider', { provider: { ...environment.provider, mode: 'import' } });
    for (const resolved of stack.roles) {
      const role = new GitHubActionsRole(this, resolved.name, { role: resolved, provider });
      if (resolved.permissions === 'sam-lambda-testing') {
        new SamLambdaTesting(this, `${resolved.name}-sam-lambda-testing`, { role, environment, repos: config.repos });
      }
      if (resolved.permissions === 'test-stack-sweeper' && config.sweeper !== undefined) {
        new TestStackSweeper(this, `${resolved.name}-test-stack-sweeper`, { role, environment, sweeper: config.sweeper });
      }
    }
  }
}
