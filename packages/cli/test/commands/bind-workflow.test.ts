// roles.<name>.bindWorkflow: the role's trust also requires job_workflow_ref = the generated lambda-tests.yml
// at the run's ref (research 12, F1.1, F3.2, F3.6). check and explain give each job the job_workflow_ref of its
// own file, so a second workflow file of the same repository is denied, as STS would deny it.
import * as fs from 'node:fs';
import type { LockstepConfig } from '@lockstep/model';
import { DEFAULT_CONFIG, makeWorkspace, runCasesOnce } from '../support/workspace';

const config: LockstepConfig = structuredClone(DEFAULT_CONFIG);
config.roles['GitHubActionsOIDCRole-PythonSDK'].bindWorkflow = true;
const ok = makeWorkspace({ config });
const second = makeWorkspace({ config });
fs.copyFileSync(second.workflow('python-sdk'), second.workflow('python-sdk').replace('lambda-tests.yml', 'deploy.yml'));

// A job with a GitHub environment run only by pull requests: its runs' job_workflow_ref ends @refs/pull/N/merge.
const prOnly: LockstepConfig = structuredClone(config);
prOnly.repos['python-sdk'].lambdaTests!.on = { pullRequest: true };
prOnly.repos['python-sdk'].lambdaTests!.githubEnvironment = 'integration';
const environmentOnPullRequests = makeWorkspace({ config: prOnly });

const cases = {
  checkEnvironment: [['check'], environmentOnPullRequests.root],
  check: [['check'], ok.root],
  checkSecond: [['check'], second.root],
  explainPush: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'push'], ok.root],
  explainPr: [['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request'], ok.root],
} satisfies Record<string, [string[], string]>;
const results = runCasesOnce(cases);

describe('a role bound to its generated workflow file', () => {
  it('check passes on the generated workflow', () => {
    expect(results.check.stderr).toBe('');
    expect(results.check.stdout).toMatch(/^✓ lockstep check passed/m);
    expect(results.check.status).toBe(0);
  });

  it('check passes on a job with an environment that only pull requests run (bound to the merge ref)', () => {
    expect(results.checkEnvironment.stdout).toMatch(/^✓ lockstep check passed/m);
    expect(results.checkEnvironment.status).toBe(0);
  });

  it('check refuses a second workflow file of the same repository that assumes the role', () => {
    expect(results.checkSecond.status).toBe(1);
    expect(results.checkSecond.stdout).toMatch(/deploy\.yml.*refuses it: .*job_workflow_ref.*\[denied-subject\]/);
  });

  it('explain models the binding for push and pull_request', () => {
    expect(results.explainPush.stdout).toMatch(/assume its AWS role\? Yes/);
    expect(results.explainPr.stdout).toMatch(/assume its AWS role\? Yes/);
  });
});
