import { environmentCreatesResources, stackRoles, type ResolvedConfig, type ResolvedEnvironment } from '@lockstep/model';
import { GitHubActionsRole, GitHubOidcProvider, SamArtifactBucket, SamLambdaTesting, TestStackSweeper } from '@lockstep/constructs';
import { DefaultStackSynthesizer, Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';

/** Properties of an {@link EnvironmentStack}. */
export interface EnvironmentStackProps {
  /** The whole resolved config: the stack picks the roles and repositories of its environment. */
  readonly config: ResolvedConfig;
  /** The environment (account + region) this stack deploys to. */
  readonly environment: ResolvedEnvironment;
}

/**
 * One configured AWS environment: its GitHub OIDC provider (created or imported), the SAM artifact
 * bucket when a role of the environment needs it, and every role managed by Lockstep with its
 * permissions. Roles managed elsewhere (`managedBy: 'terraform' | 'external'`) get no resource: their
 * trust policy is exported as JSON for the code that owns them.
 *
 * Constructs are added in the model's order (sorted by name) under ids derived from names only, and every
 * logical id comes from a name, so reordering the config changes no byte of the template.
 */
export class EnvironmentStack extends Stack {
  constructor(scope: Construct, props: EnvironmentStackProps) {
    const { config, environment } = props;
    if (!environmentCreatesResources(config, environment)) {
      // CloudFormation refuses a template without resources; createInfraApp leaves such an environment out.
      throw new Error(`EnvironmentStack ${environment.stackName}: environment "${environment.name}" has nothing to create (its provider is imported and no role of it is managed by Lockstep)`);
    }
    super(scope, environment.stackName, {
      stackName: environment.stackName,
      env: { account: environment.account, region: environment.region },
      description: `Lockstep: GitHub OIDC roles of environment "${environment.name}". Generated from lockstep.config.ts; edit that file and run "npx projen" instead of changing this stack.`,
      // The IAM roles here are what every workflow of the environment authenticates with: deleting the
      // stack by accident would stop them all.
      terminationProtection: true,
      // No BootstrapVersion parameter and rule: templates stay deterministic and readable. The stack has
      // no assets, so it needs nothing of the bootstrap stack beyond its deploy roles, which
      // `cdk deploy` still uses as with any DefaultStackSynthesizer stack (unlike
      // BootstraplessSynthesizer, which would deploy with the caller's own credentials).
      synthesizer: new DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
    });

    const provider = new GitHubOidcProvider(this, 'GitHubOidcProvider', { provider: environment.provider });
    if (environment.artifactBucket !== undefined) {
      new SamArtifactBucket(this, 'SamArtifactBucket', { bucketName: environment.artifactBucket });
    }
    for (const resolved of stackRoles(config, environment)) {
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
