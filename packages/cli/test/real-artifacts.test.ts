// The same checks on this repository's own generated files, once they exist (they come from other
// packages' generators: until they are there, these tests are skipped).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LONG, REPO_ROOT, removeTemps, runAll, tempDir, type CliResult } from './support/workspace';

const workflow = path.join(REPO_ROOT, 'apps/repos/python-sdk/.github/workflows/lambda-tests.yml');
const ready = fs.existsSync(workflow) && fs.existsSync(path.join(REPO_ROOT, 'apps/infra/templates'));
const describeIfReady = ready ? describe : describe.skip;

const ROLE = 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK';

/** An edited copy of the real generated workflow, as a target repository might hold it. */
function copy(change: (text: string) => string): string {
  const file = path.join(tempDir('lockstep-real-'), 'lambda-tests.yml');
  fs.writeFileSync(file, change(fs.readFileSync(workflow, 'utf8')));
  return file;
}

let results: Record<string, CliResult>;
beforeAll(async () => {
  if (!ready) return;
  const onCopy = (file: string) => ['check', '--workflow', file, '--repo', 'honeyhiveai/python-sdk'];
  results = await runAll(
    {
      check: ['check'],
      explain: ['explain', '--repo', 'honeyhiveai/python-sdk', '--event', 'pull_request', '--json'],
      audit: ['audit', 'apps/infra/trust-policies/GitHubActionsOIDCRoleDeployments-testing.json', '--json'],
      roleArn: onCopy(copy((t) => t.replace(ROLE, `${ROLE}-Old`))),
      branch: onCopy(copy((t) => t.replace(/(push:\n\s+branches:\n(\s+)- main)/, '$1\n$2- develop'))),
      environment: onCopy(copy((t) => t.replace(/(\n(\s+)runs-on: .*)/, '$1\n$2environment: production'))),
    },
    { cwd: REPO_ROOT },
  );
}, LONG);
afterAll(removeTemps);

describeIfReady("this repository's generated files", () => {
  it('pass lockstep check', () => {
    expect(results.check.stderr).toBe('');
    expect(results.check.stdout).toMatch(/^✓ lockstep check passed/m);
    expect(results.check.status).toBe(0);
  });

  it('allow a pull_request run of python-sdk', () => {
    expect(JSON.parse(results.explain.stdout)).toMatchObject({ decision: 'allow', sub: 'repo:honeyhiveai/python-sdk:pull_request', roleArn: ROLE });
  });

  it('export a Terraform trust policy whose repository-wide grant is a warning, not an error', () => {
    expect(results.audit.status).toBe(0);
    expect(JSON.parse(results.audit.stdout).findings).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'repo-wide-sub' }));
  });

  it.each(['roleArn', 'branch', 'environment'])('fail lockstep check once a copy is edited: %s', (name) => {
    const r = results[name];
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/lambda-tests\.yml:\d+: error: job "lambda-tests": .*\n {4}fix: /);
  });
});
