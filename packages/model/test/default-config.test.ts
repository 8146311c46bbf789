import { auditTrust } from '../src/github/audit-trust';
import { evaluateTrust } from '../src/github/evaluate-trust';
import { AUD_KEY, SUB_KEY } from '../src/github/github-oidc';
import type { ResolvedRole } from '../src/config/resolved-config';
import { resolved } from './support/configs';
import { seedConfig } from './support/seed-config';

/** The seed's setup (aws-oidc-setup.md): lockstep.config.ts as shipped, frozen in test/support/seed-config.ts. */
const config = resolved(seedConfig());
const role = (name: string): ResolvedRole => config.roles.find((r) => r.name === name)!;
const sdkRole = role('GitHubActionsOIDCRole-PythonSDK');
const sharedRole = role('GitHubActionsOIDCRoleDeployments-testing');
const admits = (r: ResolvedRole, sub: string) =>
  evaluateTrust(r.trustPolicy, { claims: { [SUB_KEY]: sub, [AUD_KEY]: 'sts.amazonaws.com' }, principal: config.environments[0].provider.arn }).decision === 'allow';

describe('the default config (the seed\'s lockstep.config.ts)', () => {
  test('has the testing environment of the seed, with the existing provider imported', () => {
    expect(config.environments).toEqual([{
      name: 'testing',
      account: '654654498014',
      region: 'us-west-2',
      partition: 'aws',
      audience: 'sts.amazonaws.com',
      provider: {
        mode: 'import',
        url: 'https://token.actions.githubusercontent.com',
        arn: 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com',
        clientIds: ['sts.amazonaws.com'],
      },
      stackName: 'Lockstep-testing',
      roleStacks: 100,
      artifactBucket: 'lockstep-artifacts-654654498014-us-west-2',
    }]);
  });

  test('puts python-sdk on its dedicated role (Option B)', () => {
    const repo = config.repos.find((r) => r.name === 'python-sdk')!;
    expect(repo.roleArn).toBe('arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK');
    expect(sdkRole).toMatchObject({ managedBy: 'lockstep', permissions: 'sam-lambda-testing', repos: ['python-sdk'] });
  });

  test('gives the python-sdk job exactly its pull_request and main subjects', () => {
    const tests = config.repos.find((r) => r.name === 'python-sdk')!.lambdaTests!;
    expect(tests.subjects).toEqual(['repo:honeyhiveai/python-sdk:pull_request', 'repo:honeyhiveai/python-sdk:ref:refs/heads/main']);
    expect(tests).toMatchObject({ workingDirectory: 'tests/lambda', testCommand: 'pytest tests/lambda -v', stackPrefix: 'lockstep-python-sdk--' });
  });

  test('lets the python-sdk role admit the job\'s subjects and nothing else', () => {
    expect(admits(sdkRole, 'repo:honeyhiveai/python-sdk:pull_request')).toBe(true);
    expect(admits(sdkRole, 'repo:honeyhiveai/python-sdk:ref:refs/heads/main')).toBe(true);
    expect(admits(sdkRole, 'repo:honeyhiveai/python-sdk:ref:refs/heads/feature')).toBe(false);
    expect(admits(sdkRole, 'repo:honeyhiveai/python-sdk:ref:refs/tags/v1.0.0')).toBe(false);
    expect(admits(sdkRole, 'repo:honeyhiveai/python-sdk:environment:testing')).toBe(false);
    expect(admits(sdkRole, 'repo:honeyhiveai/deployments:ref:refs/heads/main')).toBe(false);
    expect(admits(sdkRole, 'repo:honeyhiveai/python-sdk-evil:pull_request')).toBe(false);
  });

  test('keeps the shared Terraform role trusting every workflow of deployments, and only deployments', () => {
    expect(sharedRole).toMatchObject({ managedBy: 'terraform', repos: ['deployments'] });
    expect(sharedRole.subjects).toEqual([{
      value: 'repo:honeyhiveai/deployments:*',
      operator: 'StringLike',
      repo: 'deployments',
      reason: 'existing Terraform workflows in deployments (initial_setup/iam_oidc.tf)',
    }]);
    expect(admits(sharedRole, 'repo:honeyhiveai/deployments:ref:refs/heads/main')).toBe(true);
    expect(admits(sharedRole, 'repo:honeyhiveai/deployments:environment:testing')).toBe(true);
    expect(admits(sharedRole, 'repo:honeyhiveai/python-sdk:pull_request')).toBe(false);
    expect(admits(sharedRole, 'repo:honeyhiveai/deployments-evil:ref:refs/heads/main')).toBe(false);
  });

  test('moves python-sdk to the shared role (Option A) by changing its role line', () => {
    const optionA = seedConfig();
    optionA.repos['python-sdk'].role = 'GitHubActionsOIDCRoleDeployments-testing';
    delete optionA.roles['GitHubActionsOIDCRole-PythonSDK'];
    const shared = resolved(optionA).roles[0];
    expect(shared.subjects.map((s) => s.value)).toEqual([
      'repo:honeyhiveai/deployments:*',
      'repo:honeyhiveai/python-sdk:pull_request',
      'repo:honeyhiveai/python-sdk:ref:refs/heads/main',
    ]);
    expect(resolved(optionA).repos[1].roleArn).toBe('arn:aws:iam::654654498014:role/GitHubActionsOIDCRoleDeployments-testing');
  });

  test('fits every trust policy in the default quota and passes the audit without errors', () => {
    for (const r of config.roles) {
      expect(r.trustPolicySize).toBeLessThanOrEqual(2048);
      expect(auditTrust(r.trustPolicy).filter((f) => f.severity === 'error')).toEqual([]);
    }
  });
});
