import { environmentHasBaseResources, type ResolvedConfig, type ResolvedEnvironment } from '@lockstep/model';
import { GitHubOidcProvider, SamArtifactBucket } from '@lockstep/constructs';
import { Stack } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { lockstepStackProps } from './private/lockstep-stack-props';

/** Properties of an {@link EnvironmentStack}. */
export interface EnvironmentStackProps {
  /** The whole resolved config, for per-environment resources that read the environment's roles or repositories. */
  readonly config: ResolvedConfig;
  /** The environment (account + region) this stack deploys to. */
  readonly environment: ResolvedEnvironment;
}

/**
 * The base stack of one configured AWS environment (`Lockstep-<env>`): what the environment has once —
 * its GitHub OIDC provider when Lockstep creates it, and the SAM artifact bucket when a role of the
 * environment needs it. The roles live in the environment's role stacks ({@link RoleStack}), which depend
 * on this one and reference its resources by their literal names and ARNs, never by CloudFormation exports.
 *
 * Every logical id comes from a name, so reordering the config changes no byte of the template.
 */
export class EnvironmentStack extends Stack {
  constructor(scope: Construct, props: EnvironmentStackProps) {
    const { environment } = props;
    if (!environmentHasBaseResources(environment)) {
      // CloudFormation refuses a template without resources; createInfraApp leaves such a stack out.
      throw new Error(`EnvironmentStack ${environment.stackName}: environment "${environment.name}" has nothing to create in its base stack (its provider is imported and no role of it needs the artifact bucket)`);
    }
    const holds = [environment.provider.mode === 'create' ? 'the GitHub OIDC provider' : undefined, environment.artifactBucket !== undefined ? 'the SAM artifact bucket' : undefined]
      .filter((what) => what !== undefined)
      .join(' and ');
    super(scope, environment.stackName, lockstepStackProps(environment, environment.stackName, `Lockstep: ${holds} of environment "${environment.name}" (its roles are in the role stacks ${environment.stackName}--NN).`));

    new GitHubOidcProvider(this, 'GitHubOidcProvider', { provider: environment.provider });
    if (environment.artifactBucket !== undefined) {
      new SamArtifactBucket(this, 'SamArtifactBucket', { bucketName: environment.artifactBucket });
    }
  }
}
