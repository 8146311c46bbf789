// A trust policy bound to the workflow file (a job_workflow_ref condition, which AWS STS evaluates for GitHub
// tokens since January 2026; research 12, F1.1, F3.6): check and explain give the run's job_workflow_ref,
// ref and repository claims, so the binding is evaluated as STS would, not as a missing claim.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { makeWorkspace, runCasesOnce, tempDir } from '../support/workspace';

const SDK_ROLE = 'GitHubActionsOIDCRole-PythonSDK';
const JWR = 'token.actions.githubusercontent.com:job_workflow_ref';

const ok = makeWorkspace();
const noConfig = makeWorkspace({ writeConfig: false });
const dir = tempDir();

/** The config's policy for python-sdk's role with every statement also requiring `job_workflow_ref` LIKE `value`. */
function bound(name: string, value: string): string {
  const policy = JSON.parse(JSON.stringify(ok.config.roles.find((r) => r.name === SDK_ROLE)!.trustPolicy));
  for (const st of policy.Statement) st.Condition.StringLike = { ...(st.Condition.StringLike ?? {}), [JWR]: value };
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(policy));
  return file;
}
const own = bound('own.json', 'honeyhiveai/python-sdk/.github/workflows/lambda-tests.yml@*');
const other = bound('other.json', 'honeyhiveai/python-sdk/.github/workflows/deploy.yml@refs/heads/main');
// A copy of the generated workflow in the target repository's layout.
const target = path.join(tempDir('lockstep-target-'), '.github', 'workflows', 'lambda-tests.yml');
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.copyFileSync(ok.workflow('python-sdk'), target);

const check = (policy: string) => ['check', '--workflow', target, '--repo', 'honeyhiveai/python-sdk', '--trust-policy', `${SDK_ROLE}=${policy}`];
const cases = {
  checkOwn: [check(own), noConfig.root],
  checkOther: [check(other), noConfig.root],
  explainOwn: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'push', '--trust-policy', own], ok.root],
  explainOther: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request', '--trust-policy', other], ok.root],
} satisfies Record<string, [string[], string]>;
const results = runCasesOnce(cases);

describe('a trust policy bound to the workflow file', () => {
  it('admits the jobs of that file, and check says so', () => {
    expect(results.checkOwn.stderr).toBe('');
    expect(results.checkOwn.stdout).toMatch(/^✓ lockstep check passed/m);
    expect(results.checkOwn.status).toBe(0);
  });

  it('refuses the jobs of another file, naming the job_workflow_ref the job presents', () => {
    expect(results.checkOther.status).toBe(1);
    expect(results.checkOther.stdout).toMatch(/refuses it: .*job_workflow_ref.*\[denied-subject\]/);
    expect(results.checkOther.stdout).toMatch(/honeyhiveai\/python-sdk\/\.github\/workflows\/lambda-tests\.yml@refs\/pull\/N\/merge|honeyhiveai\/python-sdk\/\.github\/workflows\/lambda-tests\.yml@refs\/heads\/main/);
  });

  it('is modelled by explain', () => {
    expect(results.explainOwn.status).toBe(0);
    expect(results.explainOwn.stdout).toMatch(/assume its AWS role\? Yes/);
    expect(results.explainOther.status).toBe(1);
    expect(results.explainOther.stdout).toMatch(/✗ job_workflow_ref matches the pattern "honeyhiveai\/python-sdk\/\.github\/workflows\/deploy\.yml@refs\/heads\/main" .* — but the token's job_workflow_ref is "honeyhiveai\/python-sdk\/\.github\/workflows\/lambda-tests\.yml@refs\/pull\/N\/merge"/);
  });
});
