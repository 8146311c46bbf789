import { resolveOrThrow, type LockstepConfig, type ResolvedConfig, type ResolvedEnvironment, type ResolvedRole } from '@lockstep/model';

/** Role names of {@link richConfig}. */
export const ROLES = {
  pythonSdk: 'GitHubActionsOIDCRole-PythonSDK',
  immutable: 'GitHubActionsOIDCRole-NewService',
  shared: 'GitHubActionsOIDCRoleDeployments-testing',
  gov: 'GitHubActionsOIDCRole-Gov',
} as const;

/**
 * A config exercising every shape the constructs meet: two repositories on one SAM role (environment,
 * pull_request, branch and tag-pattern subjects), an immutable-subject repository on a role with a path,
 * a longer session and a boundary, a Terraform-managed shared role, and a GovCloud environment in another
 * account whose stack creates the provider.
 */
export function richInput(): LockstepConfig {
  return {
    github: { owner: 'honeyhiveai', ownerId: '123456' },
    environments: {
      testing: { account: '654654498014', region: 'us-west-2' },
      gov: { account: '210987654321', region: 'us-gov-west-1' },
    },
    providers: { testing: 'import', gov: 'create' },
    roles: {
      [ROLES.pythonSdk]: { environment: 'testing', permissions: 'sam-lambda-testing' },
      [ROLES.immutable]: {
        environment: 'testing',
        permissions: 'sam-lambda-testing',
        path: '/ci/',
        maxSessionDuration: 7200,
        permissionsBoundary: 'arn:aws:iam::654654498014:policy/ci-boundary',
      },
      [ROLES.shared]: { environment: 'testing', managedBy: 'terraform' },
      [ROLES.gov]: { environment: 'gov', permissions: 'sam-lambda-testing' },
    },
    repos: {
      deployments: { role: ROLES.shared, subjects: { anyRef: 'existing Terraform workflows' } },
      'python-sdk': {
        role: ROLES.pythonSdk,
        lambdaTests: { environment: 'testing', testCommand: 'pytest tests/lambda', on: { pullRequest: true, push: { branches: ['main'] } } },
      },
      'sdk-js': {
        role: ROLES.pythonSdk,
        lambdaTests: { testCommand: 'npm test', on: { pullRequest: true, push: { branches: ['main'], tags: ['v*'] } } },
      },
      'new-service': {
        role: ROLES.immutable,
        id: '987654321',
        lambdaTests: { testCommand: 'pytest', on: { push: { branches: ['main', 'release/1.x'] } } },
      },
      'gov-tests': {
        role: ROLES.gov,
        lambdaTests: { environment: 'gov', testCommand: 'pytest', on: { workflowDispatch: true } },
      },
    },
  };
}

/** {@link richInput}, resolved. */
export function richConfig(): ResolvedConfig {
  return resolveOrThrow(richInput());
}

export function role(config: ResolvedConfig, name: string): ResolvedRole {
  const found = config.roles.find((r) => r.name === name);
  if (!found) throw new Error(`no role ${name}`);
  return found;
}

export function environment(config: ResolvedConfig, name: string): ResolvedEnvironment {
  const found = config.environments.find((e) => e.name === name);
  if (!found) throw new Error(`no environment ${name}`);
  return found;
}
