import type { LockstepConfig } from '../../src/config/config';

/**
 * An organization's config at scale: `repos` repositories over three AWS environments, `ownRoleShare` of
 * them on a dedicated `sam-lambda-testing` role, the rest five to a shared role. Each repository has
 * generated lambda tests on pull requests and pushes to main.
 */
export function scaleConfig(repos: number, ownRoleShare = 0.85): LockstepConfig {
  const environments = ['alpha', 'beta', 'gamma'];
  const config: LockstepConfig = {
    github: { owner: 'scale-org' },
    environments: {
      alpha: { account: '111111111111', region: 'us-east-1' },
      beta: { account: '222222222222', region: 'us-west-2' },
      gamma: { account: '333333333333', region: 'eu-west-1' },
    },
    providers: { alpha: 'create', beta: 'create', gamma: 'create' },
    roles: {},
    repos: {},
  };
  const dedicated = Math.round(repos * ownRoleShare);
  for (let i = 0; i < repos; i++) {
    const name = `service-${String(i).padStart(5, '0')}`;
    const shared = i >= dedicated;
    const role = shared ? `Shared-${String(Math.floor((i - dedicated) / 5)).padStart(4, '0')}` : `Svc-${String(i).padStart(5, '0')}`;
    config.roles[role] ??= { environment: environments[(shared ? Math.floor((i - dedicated) / 5) : i) % environments.length], permissions: 'sam-lambda-testing' };
    config.repos[name] = {
      role,
      lambdaTests: { on: { pullRequest: true, push: { branches: ['main'] } }, workingDirectory: 'tests/lambda', testCommand: 'pytest tests/lambda' },
    };
  }
  return config;
}
