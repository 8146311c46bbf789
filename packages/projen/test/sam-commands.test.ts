import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { parse } from 'yaml';
import { SAM_CLI_VERSION } from '../src/action-pins';
import { configVariants, resolveConfig, synthRepoFiles } from './support/configs';
import { runWithStandIns, type RecordedCall } from './support/run-script';
import { SAM_INIT_SAMCONFIG, samConfigDefaults, samDeployResolveS3Error } from './support/sam-cli-rules';

interface Step { name: string; run?: string; 'working-directory'?: string }

const WORKFLOW = 'apps/repos/python-sdk/.github/workflows/lambda-tests.yml';
const [defaultVariant] = configVariants();
const config = resolveConfig(defaultVariant.config);
const steps = (parse(synthRepoFiles(config)[WORKFLOW].text) as { jobs: { 'lambda-tests': { steps: Step[] } } }).jobs['lambda-tests'].steps;
const script = (name: string) => steps.find((s) => s.name === name)!.run!;
const tests = config.repos.find((r) => r.name === 'python-sdk')!.lambdaTests!;

/** A checkout of the SAM project with the samconfig.toml that `sam init` wrote. */
function projectWithSamInitConfig(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-sam-project-'));
  fs.writeFileSync(path.join(dir, 'samconfig.toml'), SAM_INIT_SAMCONFIG);
  return dir;
}

/** One recorded `sam` call, with the files the SAM CLI would have found during it. */
interface SamCall extends RecordedCall {
  /** The text of a file as it was during the call, undefined when absent. */
  readonly read: (file: string) => string | undefined;
}

/** Runs a step's script with a recording `sam` in a checkout that has sam init's samconfig.toml. */
function runSam(stepName: string, env: Record<string, string> = {}): SamCall {
  const project = projectWithSamInitConfig();
  try {
    const result = runWithStandIns(script(stepName), { sam: '' }, { STACK_NAME: 'lockstep-python-sdk-1234-1', ...env }, project);
    expect(result.status).toBe(0);
    expect(result.calls).toHaveLength(1);
    const [call] = result.calls;
    // The project's samconfig.toml is read now, while it exists; the files the arguments named were
    // measured by the stand-in during the call (the run's temp directory is gone by now).
    const contents = new Map<string, string>([[path.join(call.cwd, 'samconfig.toml'), fs.readFileSync(path.join(project, 'samconfig.toml'), 'utf8')]]);
    for (const [file, size] of Object.entries(call.fileSizes)) if (size === 0) contents.set(file, '');
    return { ...call, read: (file) => contents.get(file) };
  } finally {
    fs.rmSync(project, { recursive: true, force: true });
  }
}

describe("the repository's samconfig.toml can't change or break a generated sam command", () => {
  test('the reproduction of the SAM CLI rule fails the deploy a generated command would have run before (the control)', () => {
    const call = runSam('sam deploy');
    // The generated command without its config isolation: what the job ran before.
    const bare = call.args.filter((a, i) => a !== '--no-resolve-s3' && a !== '--config-file' && call.args[i - 1] !== '--config-file');
    expect(bare).toContain('--s3-bucket');
    const defaults = samConfigDefaults('deploy', bare, call.cwd, call.read);
    expect(defaults.resolve_s3).toBe(true);
    expect(samDeployResolveS3Error(bare, defaults)).toMatch(/^Cannot use both --resolve-s3 and --s3-bucket/);
  });

  test('sam deploy reads only an empty config file by absolute path, so resolve_s3 from sam init never meets --s3-bucket', () => {
    const call = runSam('sam deploy');
    const configFile = call.args[call.args.indexOf('--config-file') + 1];
    expect(path.isAbsolute(configFile)).toBe(true);
    expect(configFile.endsWith('.toml')).toBe(true);
    expect(call.fileSizes[configFile]).toBe(0);
    const defaults = samConfigDefaults('deploy', call.args, call.cwd, call.read);
    expect(defaults).toEqual({});
    expect(samDeployResolveS3Error(call.args, defaults)).toBeUndefined();
    // And even a config file that said resolve_s3 = true would lose to the explicit flag on the command line.
    expect(samDeployResolveS3Error(call.args, { resolve_s3: true })).toBeUndefined();
  });

  test.each(['sam build', 'sam delete'])('%s reads the same empty config file, not the project\'s', (name) => {
    const call = runSam(name);
    const configFile = call.args[call.args.indexOf('--config-file') + 1];
    expect(path.isAbsolute(configFile)).toBe(true);
    expect(call.fileSizes[configFile]).toBe(0);
    expect(samConfigDefaults(name.split(' ')[1], call.args, call.cwd, call.read)).toEqual({});
  });
});

describe('each run uploads under its own prefix, so a delete never touches another run\'s objects', () => {
  const prefixOf = (call: SamCall) => call.args[call.args.indexOf('--s3-prefix') + 1];

  test('two concurrent runs (run ids and attempts) deploy and delete under disjoint prefixes <repo>/<stack name>', () => {
    const runs = ['lockstep-python-sdk-1234-1', 'lockstep-python-sdk-1234-2', 'lockstep-python-sdk-12345-1'];
    const deploys = runs.map((stack) => prefixOf(runSam('sam deploy', { STACK_NAME: stack })));
    const deletes = runs.map((stack) => prefixOf(runSam('sam delete', { STACK_NAME: stack })));
    expect(deploys).toEqual(runs.map((stack) => `${tests.artifactPrefix}${stack}`));
    expect(deletes).toEqual(deploys);
    // `sam delete --no-prompts` lists and deletes `<prefix>/` (s3_uploader.py delete_prefix_artifacts, line
    // 192 at v1.164.0): no run's listing can include another run's keys, even where one id starts another.
    for (const a of deploys) for (const b of deploys) if (a !== b) expect(`${b}/x`.startsWith(`${a}/`)).toBe(false);
  });

  // Why the prefix, and not IAM, is the guard between runs of one repository: every run assumes the same
  // role with the same trust, and what would tell runs apart in a policy is chosen by the caller. The role
  // session name (visible to policies only inside aws:userid) is the `role-session-name` input; session tags
  // are whatever the caller passes (configure-aws-credentials sets them, a modified workflow can set others).
  // GitHub's token carries no `https://aws.amazon.com/tags` claim, so STS derives no principal tag from the
  // run. So a policy can bind keys to the repository (`<repo>/*`, the sam-lambda-testing profile does) but
  // not to a run; the generated workflow keeps its runs apart by construction, and the role's permissions
  // remain the boundary against a same-repository pull request that edits its own copy of the workflow.
  // @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-userid
  // @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_session-tags.html#id_session-tags_adding-assume-role-idp
  test('the run prefix stays inside the repository prefix the role is allowed', () => {
    for (const stack of ['lockstep-python-sdk-1-1', 'lockstep-python-sdk-99999999999-3']) {
      expect(prefixOf(runSam('sam deploy', { STACK_NAME: stack })).startsWith(tests.artifactPrefix)).toBe(true);
    }
  });
});

describe('clean-up and version checks fail visibly', () => {
  test('a failed sam delete fails the step with an error annotation naming the stack and the command to finish', () => {
    const result = runWithStandIns(script('sam delete'), { sam: 'process.exit(1)' }, { STACK_NAME: 'lockstep-python-sdk-77-1' });
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('::error title=Test stack left behind::sam delete failed for stack lockstep-python-sdk-77-1');
    expect(result.stdout).toContain('aws cloudformation delete-stack --region us-west-2 --stack-name lockstep-python-sdk-77-1');
  });

  test('the version check passes for the pinned SAM CLI and fails for the runner image\'s own', () => {
    const ok = runWithStandIns(script('Check the SAM CLI version'), { sam: `process.stdout.write('SAM CLI, version ${SAM_CLI_VERSION}\\n')` }, {});
    expect(ok.status).toBe(0);
    const other = runWithStandIns(script('Check the SAM CLI version'), { sam: "process.stdout.write('SAM CLI, version 1.165.0\\n')" }, {});
    expect(other.status).toBe(1);
    expect(other.stdout).toContain(`::error title=Unexpected SAM CLI::expected 'SAM CLI, version ${SAM_CLI_VERSION}', found 'SAM CLI, version 1.165.0'`);
  });
});
