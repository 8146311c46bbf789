import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RACY_MS } from '../../src/file-stamp';
import {
  cli,
  DEFAULT_CONFIG,
  expectOneLineError,
  LONG,
  makeWorkspace,
  removeTemps,
  runAll,
  SEED_TERRAFORM_POLICY,
  tempDir,
  type CliResult,
  type Workspace,
} from '../support/workspace';

/** The clock itself, for a test that moves the clock on through `Date.now`. */
const realNow = Date.now.bind(Date);

const ROLE = 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK';
const WORKFLOW = 'apps/repos/python-sdk/.github/workflows/lambda-tests.yml';

/** A workspace whose generated python-sdk workflow was edited by hand. */
function edited(change: (text: string) => string): Workspace {
  const w = makeWorkspace();
  w.edit(w.workflow('python-sdk'), change);
  return w;
}

/** A copy of the generated workflow outside the workspace, as it would sit in the target repository. */
function copy(from: Workspace, change: (text: string) => string = (t) => t): string {
  const dir = tempDir('lockstep-target-');
  const file = path.join(dir, '.github', 'workflows', 'lambda-tests.yml');
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, change(fs.readFileSync(from.workflow('python-sdk'), 'utf8')));
  return file;
}

function livePolicy(w: Workspace, subjects: string[]): unknown {
  const role = w.config.roles.find((r) => r.name === 'GitHubActionsOIDCRole-PythonSDK')!;
  return JSON.parse(JSON.stringify(role.trustPolicy).replace(/\["repo:honeyhiveai\/python-sdk:pull_request","repo:honeyhiveai\/python-sdk:ref:refs\/heads\/main"\]/, JSON.stringify(subjects)));
}

const ok = makeWorkspace();
const roleChanged = edited((t) => t.replace(ROLE, 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSdk'));
const accountChanged = edited((t) => t.replace(ROLE, ROLE.replace('654654498014', '111111111111')));
const unknownRole = edited((t) => t.replace(ROLE, 'arn:aws:iam::654654498014:role/SomethingElse'));
const branchAdded = edited((t) => t.replace('      - main', '      - main\n      - develop'));
const environmentAdded = edited((t) => t.replace('    runs-on: ubuntu-24.04', '    runs-on: ubuntu-24.04\n    environment: production'));
const forbidden = edited((t) => t.replace('  workflow_dispatch: {}', '  workflow_dispatch: {}\n  pull_request_target: {}'));
const idToken = edited(
  (t) =>
    t.replace('permissions: {}', 'permissions:\n  id-token: write') +
    '  lint:\n    runs-on: ubuntu-24.04\n    permissions:\n      id-token: write\n    steps:\n      - run: echo lint\n',
);
const unpinned = edited((t) => t.replace(/actions\/checkout@[0-9a-f]{40}/, 'actions/checkout@v4'));
const noDispatchRestriction = edited((t) => t.replace(/ && \(github\.event_name != 'workflow_dispatch' \|\| github\.ref == 'refs\/heads\/main'\)/, ''));
const missingWorkflow = makeWorkspace();
fs.rmSync(missingWorkflow.workflow('python-sdk'));
const intrinsics = makeWorkspace({ intrinsics: true });
const noConfig = makeWorkspace({ writeConfig: false });
const badConfig = makeWorkspace();
fs.writeFileSync(
  badConfig.file('lockstep.config.ts'),
  `import { defineConfig } from '@lockstep/model';\nexport default defineConfig(${JSON.stringify({
    ...DEFAULT_CONFIG,
    environments: { testing: { account: '65465449801', region: 'us-west-2' } },
  })});\n`,
);
const brokenConfig = makeWorkspace();
fs.writeFileSync(brokenConfig.file('lockstep.config.ts'), 'export default {{;\n');
const brokenTemplate = makeWorkspace();
fs.writeFileSync(brokenTemplate.file('apps/infra/templates/Lockstep-testing.template.json'), '{"Resources": ');

// Copies in a target repository, and live trust policies exported from AWS.
const target = copy(ok);
const targetBranchAdded = copy(ok, (t) => t.replace('      - main', '      - main\n      - develop'));
const gitCheckout = copy(ok);
execFileSync('git', ['init', '-q', path.dirname(path.dirname(path.dirname(gitCheckout)))]);
execFileSync('git', ['-C', path.dirname(gitCheckout), 'remote', 'add', 'origin', 'git@github.com:honeyhiveai/python-sdk.git']);
const files = tempDir();
const write = (name: string, text: string) => {
  fs.writeFileSync(path.join(files, name), text);
  return path.join(files, name);
};
const liveWithoutMain = write(
  'get-role.json',
  JSON.stringify({ Role: { RoleName: 'GitHubActionsOIDCRole-PythonSDK', Arn: ROLE, AssumeRolePolicyDocument: livePolicy(ok, ['repo:honeyhiveai/python-sdk:pull_request']) } }),
);
const liveWithExtra = write(
  'extra.txt',
  encodeURIComponent(JSON.stringify(livePolicy(ok, ['repo:honeyhiveai/python-sdk:pull_request', 'repo:honeyhiveai/python-sdk:ref:refs/heads/main', 'repo:honeyhiveai/python-sdk:ref:refs/heads/old']))),
);
const seedLive = write('seed.json', JSON.stringify(SEED_TERRAFORM_POLICY));
const narrowLive = write('narrow.json', JSON.stringify(SEED_TERRAFORM_POLICY).replace('deployments:*', 'deployments:ref:refs/heads/main'));
const notJson = write('not-json.json', 'Version: 2012-10-17');
const notYaml = write('broken.yml', 'on: [push\njobs: {}\n');
const notWorkflow = write('not-workflow.yml', 'name: nothing\n');

const cases = {
  ok: [['check'], ok.root],
  okJson: [['check', '--json'], ok.root],
  okVerbose: [['check', '--verbose'], ok.root],
  roleChanged: [['check'], roleChanged.root],
  accountChanged: [['check'], accountChanged.root],
  unknownRole: [['check'], unknownRole.root],
  branchAdded: [['check'], branchAdded.root],
  environmentAdded: [['check', '--json'], environmentAdded.root],
  forbidden: [['check'], forbidden.root],
  idToken: [['check'], idToken.root],
  unpinned: [['check'], unpinned.root],
  noDispatchRestriction: [['check'], noDispatchRestriction.root],
  missingWorkflow: [['check'], missingWorkflow.root],
  intrinsics: [['check', '--json'], intrinsics.root],
  noConfig: [['check', '--workflow', target, '--repo', 'honeyhiveai/python-sdk', '--verbose'], noConfig.root],
  noConfigDefault: [['check'], noConfig.root],
  target: [['check', '--root', ok.root, '--workflow', target, '--repo', 'honeyhiveai/python-sdk'], files],
  targetBranchAdded: [['check', '--root', ok.root, '--workflow', targetBranchAdded, '--repo', 'honeyhiveai/python-sdk'], files],
  gitCheckout: [['check', '--root', ok.root, '--workflow', gitCheckout, '--json'], files],
  liveWithoutMain: [['check', '--trust-policy', `GitHubActionsOIDCRole-PythonSDK=${liveWithoutMain}`], ok.root],
  liveWithExtra: [['check', '--trust-policy', `${ROLE}=${liveWithExtra}`, '--json'], ok.root],
  seedLive: [['check', '--trust-policy', `GitHubActionsOIDCRoleDeployments-testing=${seedLive}`, '--json'], ok.root],
  narrowLive: [['check', '--trust-policy', `GitHubActionsOIDCRoleDeployments-testing=${narrowLive}`], ok.root],
  typoLive: [['check', '--trust-policy', `Typo=${seedLive}`, '--json'], ok.root],
  unknownFlag: [['check', '--strict'], ok.root],
  missingValue: [['check', '--workflow'], ok.root],
  noEquals: [['check', '--trust-policy', 'live.json'], ok.root],
  badRepo: [['check', '--workflow', target, '--repo', 'python-sdk'], ok.root],
  repoAlone: [['check', '--repo', 'honeyhiveai/python-sdk'], ok.root],
  positional: [['check', WORKFLOW], ok.root],
  missingWorkflowFile: [['check', '--workflow', 'nope.yml'], ok.root],
  notYaml: [['check', '--workflow', notYaml, '--repo', 'honeyhiveai/python-sdk'], ok.root],
  notWorkflow: [['check', '--workflow', notWorkflow, '--repo', 'honeyhiveai/python-sdk'], ok.root],
  missingLive: [['check', '--trust-policy', 'GitHubActionsOIDCRole-PythonSDK=nope.json'], ok.root],
  notJsonLive: [['check', '--trust-policy', `GitHubActionsOIDCRole-PythonSDK=${notJson}`], ok.root],
  badConfig: [['check'], badConfig.root],
  brokenConfig: [['check'], brokenConfig.root],
  brokenTemplate: [['check'], brokenTemplate.root],
} satisfies Record<string, [string[], string]>;
let results: Record<keyof typeof cases, CliResult>;

beforeAll(async () => {
  results = await runAll(cases);
}, LONG);
afterAll(removeTemps);

function expectFinding(r: CliResult, pattern: RegExp): void {
  expect(r.status).toBe(1);
  expect(r.stdout).toMatch(pattern);
  expect(r.stdout).toMatch(/^✗ lockstep check failed/m);
}

describe('lockstep check', () => {
  it('passes on the generated artifacts of the default config', () => {
    expect(results.ok.stderr).toBe('');
    expect(results.ok.status).toBe(0);
    expect(results.ok.stdout).toMatch(/^✓ lockstep check passed: every subject is admitted by its role — checked 1 workflow, 1 job step assuming a role, 2 subjects, 2 trust policies/m);
  });

  it('reports the deployments repository-wide grant once, as information with its written reason, not a warning', () => {
    const report = JSON.parse(results.okJson.stdout);
    expect(report).toMatchObject({ ok: true, errors: 0 });
    const codes = report.findings.map((f: { severity: string; code: string }) => `${f.severity} ${f.code}`);
    expect(codes).toEqual(['info declared-grant']);
    expect(report.jobs).toEqual([
      expect.objectContaining({
        file: WORKFLOW,
        job: 'lambda-tests',
        roleArn: ROLE,
        subjects: [
          { sub: 'repo:honeyhiveai/python-sdk:pull_request', reason: 'pull_request events', decision: 'allow' },
          { sub: 'repo:honeyhiveai/python-sdk:ref:refs/heads/main', reason: 'push to main; workflow_dispatch from main', decision: 'allow' },
        ],
      }),
    ]);
  });

  it('lists every evaluated subject with --verbose', () => {
    expect(results.okVerbose.stdout).toMatch(/allowed {2}repo:honeyhiveai\/python-sdk:ref:refs\/heads\/main {2}\(push to main; workflow_dispatch from main\)/);
    expect(results.okVerbose.stdout).toMatch(/info: role GitHubActionsOIDCRoleDeployments-testing: admits "repo:honeyhiveai\/deployments:\*"/);
  });

  it('fails when the workflow\'s role ARN names no role, naming the file, the job and the fix', () => {
    expectFinding(results.roleChanged, new RegExp(`^${WORKFLOW}:\\d+: error: job "lambda-tests": role-to-assume ".*GitHubActionsOIDCRole-PythonSdk" differs from the role GitHubActionsOIDCRole-PythonSDK`, 'm'));
    expect(results.roleChanged.stdout).toMatch(new RegExp(`fix: set role-to-assume to ${ROLE}; this file is generated: change lockstep.config.ts and run \`npx projen\``));
    expectFinding(results.accountChanged, /differs from the role GitHubActionsOIDCRole-PythonSDK .* in its account \(111111111111, but the role is in 654654498014\)/);
    expectFinding(results.unknownRole, /no template, exported trust policy or --trust-policy defines the role of role-to-assume ".*SomethingElse" \[unknown-role\]/);
  });

  it('fails when a branch is added to the push trigger', () => {
    expectFinding(
      results.branchAdded,
      new RegExp(`^${WORKFLOW}:\\d+: error: job "lambda-tests": the job's token says sub "repo:honeyhiveai/python-sdk:ref:refs/heads/develop" \\(push to develop\\), and the trust policy of GitHubActionsOIDCRole-PythonSDK .* refuses it`, 'm'),
    );
    expect(results.branchAdded.stdout).toMatch(/fix: add "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/develop" to the trust policy.*run `npx projen`/);
  });

  it('fails when the job is given an environment the trust policy doesn\'t list', () => {
    const report = JSON.parse(results.environmentAdded.stdout);
    expect(results.environmentAdded.status).toBe(1);
    expect(report.findings[0]).toMatchObject({
      severity: 'error',
      code: 'denied-subject',
      file: WORKFLOW,
      job: 'lambda-tests',
      subject: 'repo:honeyhiveai/python-sdk:environment:production',
    });
    expect(report.findings[0].fix).toMatch(/environment/);
  });

  it('fails on a forbidden trigger, id-token: write beyond the role job, and an unpinned action', () => {
    expectFinding(results.forbidden, /error: job "lambda-tests": "pull_request_target" runs with the base repository's context .*\[forbidden-trigger\]/);
    expectFinding(results.idToken, /error: the workflow-level permissions grant id-token: write to every job, though only "lambda-tests" assumes a role \[workflow-level-id-token\]/);
    expect(results.idToken.stdout).toMatch(/error: job "lint": grants id-token: write but assumes no role.*\[id-token-without-role\]/);
    expectFinding(results.unpinned, /error: job "lambda-tests": "actions\/checkout@v4" is not pinned to a commit.*\[unpinned-action\]\n {4}fix: pin it to the full 40-character commit SHA/);
  });

  it('reads a manual run from any branch when the job does not restrict workflow_dispatch', () => {
    expectFinding(results.noDispatchRestriction, /sub "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/\*"/);
    expect(results.noDispatchRestriction.stdout).toMatch(/warning: job "lambda-tests": "workflow_dispatch" can be started from any branch.*\[dispatch-any-branch\]/);
  });

  it('fails when the config calls for a workflow that is missing', () => {
    expectFinding(results.missingWorkflow, /^lockstep\.config\.ts: error: repos\.python-sdk has lambdaTests, but apps\/repos\/python-sdk\/\.github\/workflows\/lambda-tests\.yml does not exist \[missing-workflow\]/m);
  });

  it('resolves Ref and Fn::Join in a synthesized template', () => {
    expect(results.intrinsics.status).toBe(0);
    expect(JSON.parse(results.intrinsics.stdout).jobs[0].subjects.map((s: { decision: string }) => s.decision)).toEqual(['allow', 'allow']);
  });

  it('checks a copy in a target repository without a config, saying what it assumed', () => {
    expect(results.noConfig.status).toBe(0);
    expect(results.noConfig.stdout).toMatch(/info: honeyhiveai\/python-sdk is not in lockstep\.config\.ts, so its subjects are taken to be name-based/);
    expect(results.noConfig.stdout).toMatch(/allowed {2}repo:honeyhiveai\/python-sdk:pull_request/);
    expectOneLineError(results.noConfigDefault, /has no lockstep\.config\.ts to tell the owner of "python-sdk"; check it with --workflow .* --repo OWNER\/python-sdk/);
  });

  it('checks copies of the workflow in a target repository against the Lockstep artifacts', () => {
    expect(results.target.status).toBe(0);
    expectFinding(results.targetBranchAdded, /lambda-tests\.yml:\d+: error: job "lambda-tests": the job's token says sub ".*:ref:refs\/heads\/develop" \(push to develop\), .*refuses it/);
    expect(results.targetBranchAdded.stdout).not.toMatch(/this file is generated/);
  });

  it('finds the repository of a copy from its git origin remote', () => {
    expect(results.gitCheckout.status).toBe(0);
    expect(JSON.parse(results.gitCheckout.stdout).jobs[0].repo).toBe('honeyhiveai/python-sdk');
  });

  it('evaluates against a live trust policy; a subject the config does not grant is an error, not a dead grant to remove from the config', () => {
    expectFinding(results.liveWithoutMain, /sub "repo:honeyhiveai\/python-sdk:ref:refs\/heads\/main" \(push to main; workflow_dispatch from main\), and the trust policy of GitHubActionsOIDCRole-PythonSDK \(.*get-role\.json\) refuses it/);
    expect(results.liveWithoutMain.stdout).toMatch(/get-role\.json/);
    const report = JSON.parse(results.liveWithExtra.stdout);
    expect(results.liveWithExtra.status).toBe(1);
    expect(report.findings).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'trust-extra-subject', subject: 'repo:honeyhiveai/python-sdk:ref:refs/heads/old', fix: expect.stringMatching(/^deploy the CDK stack/) }),
    );
    expect(report.findings).not.toContainEqual(expect.objectContaining({ code: 'dead-grant' }));
  });

  it('compares a live policy of a role no generated workflow uses with what the config grants it', () => {
    // The seed's Terraform policy checks no aud: a difference from what the config resolves.
    expect(results.seedLive.status).toBe(1);
    const codes = JSON.parse(results.seedLive.stdout).findings.map((f: { severity: string; code: string }) => `${f.severity} ${f.code}`);
    expect(codes).toEqual(expect.arrayContaining(['error trust-audience-changed', 'warning missing-aud', 'info declared-grant']));
    expectFinding(results.narrowLive, /narrow\.json: error: role GitHubActionsOIDCRoleDeployments-testing: the live trust policy no longer admits "repo:honeyhiveai\/deployments:\*", which lockstep\.config\.ts grants .*\[trust-grant-lost\]\n {4}fix: `terraform apply` the exported apps\/infra\/trust-policies\/GitHubActionsOIDCRoleDeployments-testing\.json/);
    expect(JSON.parse(results.typoLive.stdout).findings).toContainEqual(expect.objectContaining({ severity: 'warning', code: 'unused-live-policy', role: 'Typo' }));
  });

  it('gives the same result from its caches, and sees a template, a workflow or the config changed since', () => {
    // Workflows and templates are known to the caches by their stamps once they are older than RACY_MS:
    // these were written a moment ago, so the clock is moved on as if a check ran later.
    jest.spyOn(Date, 'now').mockImplementation(() => realNow() + RACY_MS + 1_000);
    try {
      const w = makeWorkspace();
      fs.mkdirSync(w.file('node_modules'));
      const caches = w.file('node_modules', '.cache', 'lockstep');
      // Each run without the last one's record (which would replay it): only the caches are left to reuse.
      const run = () => {
        fs.rmSync(path.join(caches, 'check'), { recursive: true, force: true });
        return cli(['check', '--json'], { cwd: w.root });
      };
      const first = run();
      expect(first.status).toBe(0);
      expect(fs.readdirSync(caches).sort()).toEqual(['check', 'config.json', 'template-roles.json', 'workflows.json']);
      expect(run()).toEqual(first);

      const template = w.file('apps', 'infra', 'templates', 'Lockstep-testing.template.json');
      w.edit(template, (t) => t.replace('repo:honeyhiveai/python-sdk:ref:refs/heads/main', 'repo:honeyhiveai/python-sdk:ref:refs/heads/trunk'));
      const templateEdited = run();
      expect(templateEdited.status).toBe(1);
      expect(templateEdited.stdout).toMatch(/refs\/heads\/main.*refuses it/);

      w.edit(w.workflow('python-sdk'), (t) => t.replace('      - main', '      - trunk'));
      const workflowEdited = run();
      expect(JSON.parse(workflowEdited.stdout).jobs[0].subjects).toContainEqual(expect.objectContaining({ sub: 'repo:honeyhiveai/python-sdk:ref:refs/heads/trunk' }));

      // The config edited (a repository onboarded, not yet generated): resolved anew, not taken from the cache.
      const onboarded = structuredClone(DEFAULT_CONFIG);
      onboarded.repos['sdk-go'] = { ...onboarded.repos['python-sdk'], subjects: undefined };
      fs.writeFileSync(w.file('lockstep.config.ts'), `import { defineConfig } from '@lockstep/model';\n\nexport default defineConfig(${JSON.stringify(onboarded)});\n`);
      expect(JSON.parse(run().stdout).findings).toContainEqual(expect.objectContaining({ code: 'missing-workflow', message: expect.stringMatching(/^repos\.sdk-go has lambdaTests/) }));
    } finally {
      jest.restoreAllMocks();
    }
  });

  it('prints the usage line with exit 2 for wrong arguments', () => {
    for (const [r, message] of [
      [results.unknownFlag, /unknown option "--strict"/],
      [results.missingValue, /option "--workflow" needs a value/],
      [results.noEquals, /--trust-policy "live\.json": expected ROLE=FILE/],
      [results.badRepo, /--repo "python-sdk": expected OWNER\/REPO/],
      [results.repoAlone, /--repo applies to --workflow files/],
      [results.positional, /unexpected argument/],
    ] as const) {
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr).toMatch(/^usage: lockstep check /m);
      expect(r.stderr).not.toMatch(/^\s+at /m);
    }
  });

  it('reports unreadable and malformed files in one line with exit 2', () => {
    expectOneLineError(results.missingWorkflowFile, /^lockstep check: nope\.yml: no such workflow file$/m);
    expectOneLineError(results.notYaml, /broken\.yml:\d+:\d+: not valid YAML/);
    expectOneLineError(results.notWorkflow, /not-workflow\.yml: not a GitHub workflow/);
    expectOneLineError(results.missingLive, /nope\.json: no such policy file/);
    expectOneLineError(results.notJsonLive, /not-json\.json: the input is not JSON/);
    expectOneLineError(results.brokenTemplate, /Lockstep-testing\.template\.json: not a JSON CloudFormation template/);
    expectOneLineError(results.brokenConfig, /^lockstep check: lockstep\.config\.ts: cannot be loaded/);
  });

  it('lists every problem of an invalid config, without a stack trace, with exit 2', () => {
    expect(results.badConfig.status).toBe(2);
    expect(results.badConfig.stderr).toMatch(/^lockstep check: lockstep\.config\.ts has 1 problem\(s\); fix them, then run `npx projen`:\nenvironments\.testing\.account: /);
    expect(results.badConfig.stderr).not.toMatch(/^\s+at /m);
  });
});
