import * as fs from 'node:fs';
import * as path from 'node:path';
import { expectOneLineError, makeWorkspace, runCasesOnce, SEED_TERRAFORM_POLICY, tempDir } from '../support/workspace';

const ROLE = 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK';
const w = makeWorkspace();
const dir = tempDir();
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(dir, name), text);
  return path.join(dir, name);
};
const getRole = write(
  'get-role.json',
  JSON.stringify({ Role: { RoleName: 'GitHubActionsOIDCRoleDeployments-testing', Arn: 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRoleDeployments-testing', AssumeRolePolicyDocument: SEED_TERRAFORM_POLICY } }),
);
const encoded = write('encoded.txt', encodeURIComponent(JSON.stringify(SEED_TERRAFORM_POLICY)));
const notPolicy = write('not-policy.json', '[1, 2, 3]');

const cases = {
  pullRequest: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request'], w.root],
  pullRequestJson: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request', '--json'], w.root],
  pushDevelop: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'push', '--ref', 'develop'], w.root],
  pushDevelopJson: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'push', '--ref', 'refs/heads/develop', '--json'], w.root],
  environment: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'push', '--environment', 'production', '--json'], w.root],
  dispatch: [['explain', '--repo', 'HoneyHiveAI/Python-SDK', '--event', 'workflow_dispatch', '--json'], w.root],
  deployments: [['explain', '--repo', 'honeyhiveai/deployments', '--event', 'push', '--ref', 'feature/x'], w.root],
  livePolicy: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request', '--trust-policy', getRole, '--json'], w.root],
  policyAllow: [['explain', '--trust-policy', getRole, '--sub', 'repo:honeyhiveai/deployments:ref:refs/heads/main', '--json'], dir],
  policyDeny: [['explain', '--trust-policy', getRole, '--sub', 'repo:honeyhiveai/python-sdk:pull_request'], dir],
  policyEncoded: [['explain', '--trust-policy', encoded, '--sub', 'repo:honeyhiveai/deployments:pull_request', '--aud', 'sts.amazonaws.com', '--claim', 'repository=honeyhiveai/deployments', '--json'], dir],
  notOnboarded: [['explain', '--repo', 'honeyhiveai/unknown', '--event', 'push'], w.root],
  noEvent: [['explain', '--repo', 'honeyhiveai/python-sdk'], w.root],
  badEvent: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'Push!'], w.root],
  nothing: [['explain'], w.root],
  subWithRepo: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'push', '--sub', 'x'], w.root],
  eventWithPolicy: [['explain', '--trust-policy', getRole, '--sub', 'x', '--event', 'push'], dir],
  noSub: [['explain', '--trust-policy', getRole], dir],
  badClaim: [['explain', '--trust-policy', getRole, '--sub', 'x', '--claim', 'repository'], dir],
  missingValue: [['explain', '--repo'], dir],
  unknownFlag: [['explain', '--repository', 'honeyhiveai/python-sdk'], dir],
  missingPolicy: [['explain', '--trust-policy', 'nope.json', '--sub', 'x'], dir],
  notPolicy: [['explain', '--trust-policy', notPolicy, '--sub', 'x'], dir],
} satisfies Record<string, [string[], string]>;
const results = runCasesOnce(cases);

describe('lockstep explain --repo', () => {
  it('explains an allowed pull_request run in words: job, role, sub and why, the deciding statement', () => {
    const r = results.pullRequest;
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Can a pull_request run of honeyhiveai\/python-sdk assume its AWS role\? Yes\./);
    expect(r.stdout).toMatch(/Workflow {2}apps\/repos\/python-sdk\/\.github\/workflows\/lambda-tests\.yml, job "lambda-tests"/);
    expect(r.stdout).toMatch(new RegExp(`Role {6}${ROLE}`));
    expect(r.stdout).toMatch(/sub {2}repo:honeyhiveai\/python-sdk:pull_request\n {2}aud {2}sts\.amazonaws\.com/);
    expect(r.stdout).toMatch(/Why this sub: the run was started by a pull request and the job references no environment/);
    expect(r.stdout).toMatch(/AWS's answer: ALLOWED\n {2}Statement 0 \("GitHubOidcExactSubjects"\) of the trust policy accepts the token/);
    expect(r.stdout).toMatch(/✓ sub is exactly one of "repo:honeyhiveai\/python-sdk:pull_request"/);
  });

  it('prints decision, sub, roleArn and reason as JSON', () => {
    const j = JSON.parse(results.pullRequestJson.stdout);
    expect(j).toMatchObject({
      decision: 'allow',
      sub: 'repo:honeyhiveai/python-sdk:pull_request',
      roleArn: ROLE,
      repo: 'honeyhiveai/python-sdk',
      event: 'pull_request',
      rule: 'pull_request',
      job: 'lambda-tests',
      triggered: true,
      statement: { index: 0, sid: 'GitHubOidcExactSubjects' },
    });
    expect(j.reason).toMatch(/^allowed by statement 0/);
  });

  it('explains a denied push from another branch: the failing condition, the nearest miss and its fix', () => {
    const r = results.pushDevelop;
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Can a push run on branch develop of honeyhiveai\/python-sdk assume its AWS role\? No\./);
    expect(r.stdout).toMatch(/Note {6}this workflow does not start the job for a push run on branch develop/);
    expect(r.stdout).toMatch(/AWS's answer: DENIED\n {2}configure-aws-credentials would fail with "Not authorized to perform sts:AssumeRoleWithWebIdentity"/);
    expect(r.stdout).toMatch(/✗ sub is exactly one of .* — but the token's sub is "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/develop"/);
    expect(r.stdout).toMatch(/What is wrong: the token is for the branch "develop"/);
    expect(r.stdout).toMatch(/How to fix it: add "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/develop" to the trust policy/);
    expect(r.stdout).toMatch(/make the change there and run `npx projen`/);
    const j = JSON.parse(results.pushDevelopJson.stdout);
    expect(j).toMatchObject({ decision: 'deny', sub: 'repo:honeyhiveai/python-sdk:ref:refs/heads/develop', roleArn: ROLE, triggered: false, nearestMiss: { kind: 'other-branch' } });
  });

  it('explains what an environment would change', () => {
    const j = JSON.parse(results.environment.stdout);
    expect(results.environment.status).toBe(1);
    expect(j).toMatchObject({ decision: 'deny', sub: 'repo:honeyhiveai/python-sdk:environment:production', rule: 'environment', nearestMiss: { kind: 'environment-vs-ref' } });
  });

  it('uses the configured casing of the repository and the default branch for a manual run', () => {
    const j = JSON.parse(results.dispatch.stdout);
    expect(j).toMatchObject({ decision: 'allow', sub: 'repo:honeyhiveai/python-sdk:ref:refs/heads/main', ref: 'refs/heads/main', triggered: true });
  });

  it('explains a repository without a generated workflow from the role the config maps it to', () => {
    const r = results.deployments;
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Workflow {2}none generated by Lockstep for honeyhiveai\/deployments/);
    expect(r.stdout).toMatch(/✓ sub matches the pattern "repo:honeyhiveai\/deployments:\*"/);
  });

  it('evaluates against a live policy given with --trust-policy', () => {
    const j = JSON.parse(results.livePolicy.stdout);
    expect(results.livePolicy.status).toBe(1);
    expect(j).toMatchObject({ decision: 'deny', nearestMiss: { kind: 'other-repository' } });
    expect(j.trustPolicy).toMatch(/get-role\.json$/);
  });
});

describe('lockstep explain --trust-policy', () => {
  it('allows a sub the policy admits, naming the role of `aws iam get-role` output', () => {
    expect(results.policyAllow.status).toBe(0);
    expect(JSON.parse(results.policyAllow.stdout)).toMatchObject({
      decision: 'allow',
      sub: 'repo:honeyhiveai/deployments:ref:refs/heads/main',
      roleArn: 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRoleDeployments-testing',
    });
  });

  it('denies another repository, saying which condition failed and how to fix it', () => {
    const r = results.policyDeny;
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^Would AWS let this token assume arn:aws:iam::654654498014:role\/GitHubActionsOIDCRoleDeployments-testing\? No\./);
    expect(r.stdout).toMatch(/What is wrong: the token is for honeyhiveai\/python-sdk/);
    expect(r.stdout).toMatch(/How to fix it: /);
  });

  it('reads a URL-encoded policy and extra claims', () => {
    const j = JSON.parse(results.policyEncoded.stdout);
    expect(results.policyEncoded.status).toBe(0);
    expect(j).toMatchObject({ decision: 'allow', roleArn: null, claims: { 'token.actions.githubusercontent.com:repository': 'honeyhiveai/deployments' } });
  });
});

describe('lockstep explain, used wrongly', () => {
  it('says a repository is not onboarded, in one line, with exit 2', () => {
    expectOneLineError(results.notOnboarded, /honeyhiveai\/unknown is not onboarded: lockstep\.config\.ts has no repos\.unknown.*\(onboarded: honeyhiveai\/deployments, honeyhiveai\/python-sdk\)/);
  });

  it('prints the usage line with exit 2 for wrong arguments', () => {
    for (const [r, message] of [
      [results.noEvent, /--repo needs --event EVENT/],
      [results.badEvent, /--event "Push!": expected a GitHub event name/],
      [results.nothing, /give either --repo OWNER\/REPO --event EVENT, or --trust-policy FILE --sub SUB/],
      [results.subWithRepo, /--sub goes with --trust-policy FILE/],
      [results.eventWithPolicy, /--event goes with --repo/],
      [results.noSub, /--trust-policy needs --sub SUB/],
      [results.badClaim, /--claim "repository": expected KEY=VALUE/],
      [results.missingValue, /option "--repo" needs a value/],
      [results.unknownFlag, /unknown option "--repository"/],
    ] as const) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^usage: lockstep explain \(--repo OWNER\/REPO/m);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('reports a missing or malformed policy file in one line with exit 2', () => {
    expectOneLineError(results.missingPolicy, /^lockstep explain: nope\.json: no such policy file$/m);
    expectOneLineError(results.notPolicy, /not-policy\.json: .*got a list of 3 items/);
  });
});
