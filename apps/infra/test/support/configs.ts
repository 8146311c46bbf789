import { resolveOrThrow, type LockstepConfig, type ResolvedConfig } from '@lockstep/model';
import { seedConfig } from '../../../../packages/model/test/support/seed-config';
import { loadLockstepConfig, type SynthesizedStack } from '../../src';

/**
 * The seed's default config (`lockstep.config.ts` as the repository ships it, frozen in the model's test
 * support), as written (not resolved); a fresh copy each call. The tests of its stacks use it, so that
 * onboarding a repository in the real file changes none of their facts.
 */
export function defaultInput(): LockstepConfig {
  return seedConfig();
}

/** The seed's default config, resolved. */
export function defaultConfig(): ResolvedConfig {
  return resolveOrThrow(defaultInput());
}

/**
 * The repository's `lockstep.config.ts` as it is now, resolved the way `cdk synth` and `npx projen` load it:
 * only for the tests of the committed files, which must hold for whatever it says.
 */
export function repositoryConfig(): ResolvedConfig {
  return loadLockstepConfig();
}

/** The Terraform-managed shared role of the default config (Option A). */
export const SHARED_ROLE = 'GitHubActionsOIDCRoleDeployments-testing';
/** The dedicated role of python-sdk in the default config (Option B). */
export const DEDICATED_ROLE = 'GitHubActionsOIDCRole-PythonSDK';

/**
 * The default config switched to Option A the way its comment says: python-sdk's `role:` line names the
 * Terraform-managed shared role, and the dedicated role stays configured, now used by no repository.
 */
export function optionAInput(input: LockstepConfig = defaultInput()): LockstepConfig {
  return { ...input, repos: { ...input.repos, 'python-sdk': { ...input.repos['python-sdk'], role: SHARED_ROLE } } };
}

/** Role and repository names {@link withMoreEnvironments} adds. */
export const EXTRA = {
  stagingRole: 'GitHubActionsOIDCRole-Staging',
  govRole: 'GitHubActionsOIDCRole-GovCloud',
  stagingAccount: '111122223333',
  govAccount: '210987654321',
} as const;

/**
 * The default config plus a second commercial account (`staging`, us-east-1, whose stack creates the
 * provider) and a GovCloud environment (`govcloud`, us-gov-west-1), each with a SAM testing role of its own.
 */
export function withMoreEnvironments(input: LockstepConfig = defaultInput()): LockstepConfig {
  return {
    ...input,
    environments: {
      ...input.environments,
      staging: { account: EXTRA.stagingAccount, region: 'us-east-1' },
      govcloud: { account: EXTRA.govAccount, region: 'us-gov-west-1' },
    },
    providers: { ...input.providers, staging: 'create', govcloud: 'create' },
    roles: {
      ...input.roles,
      [EXTRA.stagingRole]: { environment: 'staging', permissions: 'sam-lambda-testing' },
      [EXTRA.govRole]: { environment: 'govcloud', permissions: 'sam-lambda-testing' },
    },
    repos: {
      ...input.repos,
      'staging-service': {
        role: EXTRA.stagingRole,
        lambdaTests: { environment: 'staging', testCommand: 'pytest', on: { push: { branches: ['main'] } } },
      },
      'gov-service': {
        role: EXTRA.govRole,
        lambdaTests: { testCommand: 'pytest', on: { pullRequest: true, push: { branches: ['release'] } } },
      },
    },
  };
}

/**
 * The same config written in another order: every record's keys reversed, and the lists whose order
 * carries no meaning (branches, tags) reversed.
 */
export function reordered<T>(value: T): T {
  if (Array.isArray(value)) return value.map(reordered).reverse() as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).reverse().map(([k, v]) => [k, reordered(v)])) as T;
  }
  return value;
}

/**
 * The resources of every stack of one environment, merged: what the environment deploys, however the
 * model spread it over its base and role stacks (logical ids are unique within an environment).
 */
export function environmentTemplate(stacks: readonly SynthesizedStack[], environment: string): { Resources: Record<string, any> } {
  const mine = stacks.filter((s) => s.environment === environment);
  if (mine.length === 0) throw new Error(`no stack of environment "${environment}"`);
  const resources: Record<string, unknown> = {};
  for (const stack of mine) {
    for (const [id, resource] of Object.entries(stack.template.Resources as Record<string, unknown>)) {
      if (id in resources) throw new Error(`${id} is in two stacks of environment "${environment}"`);
      resources[id] = resource;
    }
  }
  return { Resources: resources };
}
