import type { ResolvedConfig, ResolvedEnvironment, ResolvedLambdaTests, ResolvedRepo, ResolvedRole, ResolvedSweeper } from '@lockstep/model';
import { dispatchGuard } from '@lockstep/model';
import { ACTION_PINS, SAM_CLI_VERSION } from '../action-pins';
import { RUNNER_IMAGE } from '../runner-tools';
import { assumeRoleSteps } from './assume-role-steps';
import { roleSessionName } from './role-session-name';
import { runtimeSetupStep } from './runtime-setup';
import { shellQuote } from './shell-quote';
import { stepTimeouts, type StepTimeouts } from './step-timeouts';
import type { StepModel, WorkflowModel, WorkflowTriggers } from './workflow-model';

/** The job id, also the file's name: `lambda-tests.yml`. */
export const LAMBDA_TESTS_JOB = 'lambda-tests';

/** Everything the workflow of one repository is built from, looked up once. */
export interface LambdaTestsContext {
  readonly repo: ResolvedRepo;
  readonly tests: ResolvedLambdaTests;
  readonly role: ResolvedRole;
  readonly environment: ResolvedEnvironment;
  /** The sweeper, when it sweeps this repository's test stacks. */
  readonly sweeper?: ResolvedSweeper;
}

/**
 * Finds the role and AWS environment of a repository with lambda tests; throws when the resolved config
 * is inconsistent (resolve() never returns one that is).
 */
export function lambdaTestsContext(config: ResolvedConfig, repo: ResolvedRepo): LambdaTestsContext {
  const tests = repo.lambdaTests;
  if (!tests) throw new Error(`repos.${repo.name}: has no lambdaTests, so no lambda-tests workflow is generated for it`);
  const role = config.roles.find((r) => r.name === repo.role);
  if (!role) throw new Error(`repos.${repo.name}.role: "${repo.role}" is not a resolved role`);
  const environment = config.environments.find((e) => e.name === role.environment);
  if (!environment) throw new Error(`roles.${role.name}.environment: "${role.environment}" is not a resolved environment`);
  const sweeper = config.sweeper?.targets.some((t) => t.repos.some((r) => r.name === repo.name)) ? config.sweeper : undefined;
  return { repo, tests, role, environment, ...(sweeper !== undefined ? { sweeper } : {}) };
}

/**
 * The lambda-tests workflow of one repository: one job that assumes the repository's role through
 * GitHub OIDC, deploys the SAM project to a stack of its own, runs the tests against it, and deletes it.
 *
 * Every value that decides whether AWS admits the job (events, branches, environment, role ARN,
 * audience, account) comes from the resolved model, the same one the trust policy is built from.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export function lambdaTestsModel(context: LambdaTestsContext): WorkflowModel {
  const { tests } = context;
  return {
    name: 'lambda-tests',
    on: workflowTriggers(tests),
    concurrency: { group: `${LAMBDA_TESTS_JOB}-\${{ github.ref }}` },
    jobs: {
      [LAMBDA_TESTS_JOB]: {
        name: 'Lambda tests on AWS',
        runsOn: RUNNER_IMAGE,
        if: jobCondition(tests),
        environment: tests.environment,
        permissions: { idToken: 'write', contents: 'read' },
        timeoutMinutes: tests.timeoutMinutes,
        defaultShell: 'bash',
        // Unique per run and attempt, under the prefix the role's policy allows: runs never share a stack.
        env: { STACK_NAME: `${tests.stackPrefix}\${{ github.run_id }}-\${{ github.run_attempt }}` },
        steps: lambdaTestsSteps(context, lambdaTestsStepTimeouts(tests)),
      },
    },
  };
}

/** The `on:` of a repository's lambda-tests workflow (or of its caller of the central workflow). */
export function workflowTriggers(tests: ResolvedLambdaTests): WorkflowTriggers {
  const t = tests.triggers;
  return {
    ...(t.pullRequest ? { pullRequest: { branches: t.pullRequest.branches } } : {}),
    ...(t.pushBranches.length > 0 || t.pushTags.length > 0 ? { push: { branches: t.pushBranches, tags: t.pushTags } } : {}),
    ...(t.mergeGroup ? { mergeGroup: { branches: t.mergeGroup.branches } } : {}),
    ...(t.workflowDispatch ? { workflowDispatch: true as const } : {}),
    ...(t.schedule.length > 0 ? { schedule: t.schedule } : {}),
  };
}

/** The step timeouts of a repository's job (see {@link stepTimeouts}). */
export function lambdaTestsStepTimeouts(tests: ResolvedLambdaTests): StepTimeouts {
  return stepTimeouts(tests.timeoutMinutes, { setUpSteps: tests.runtime.language === 'provided' ? 1 : 2, install: tests.installCommand !== undefined });
}

/**
 * The job's `if:`: fork pull requests never get an OIDC token, so they are skipped rather than failed;
 * manual runs only from the branches whose subject the trust policy lists.
 */
export function jobCondition(tests: ResolvedLambdaTests): string | undefined {
  const conditions: string[] = [];
  if (tests.triggers.pullRequest) {
    conditions.push("github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository");
  }
  if (tests.triggers.workflowDispatch) {
    conditions.push(dispatchGuard(tests.triggers.workflowDispatch.branches));
  }
  if (conditions.length === 0) return undefined;
  return conditions.length === 1 ? conditions[0] : conditions.map((c) => `(${c})`).join(' && ');
}

/**
 * The job's steps. The central reusable workflow builds them from a context whose values are its inputs'
 * expressions, with timeouts that are expressions too.
 */
export function lambdaTestsSteps(context: LambdaTestsContext, timeouts: { readonly [K in keyof StepTimeouts]: number | string }): StepModel[] {
  const { repo, tests, role, environment } = context;
  const workingDirectory = tests.workingDirectory === '.' ? undefined : tests.workingDirectory;
  const region = shellQuote(environment.region);
  const setUpRuntime = runtimeSetupStep(tests, timeouts.setUp);
  return [
    {
      name: 'Check out',
      uses: ACTION_PINS.checkout,
      // The job's token stays out of .git/config, where the tests could read it.
      with: { persistCredentials: false },
      timeoutMinutes: timeouts.checkout,
    },
    ...(setUpRuntime ? [setUpRuntime] : []),
    {
      name: 'Set up the SAM CLI',
      uses: ACTION_PINS.setupSam,
      with: { version: SAM_CLI_VERSION, useInstaller: true },
      timeoutMinutes: timeouts.setUp,
    },
    { name: 'Check the SAM CLI version', run: samVersionScript(), timeoutMinutes: timeouts.samVersion },
    ...(tests.installCommand !== undefined
      ? [{ name: 'Install the test dependencies', run: `${tests.installCommand.trim()}\n`, timeoutMinutes: timeouts.install }]
      : []),
    // Before the credentials: the build runs the project's dependency installs, which need no AWS access.
    { name: 'sam build', workingDirectory, run: `${SAMCONFIG}\nsam build --config-file "$samconfig"\n`, timeoutMinutes: timeouts.build },
    ...assumeRoleSteps({
      name: 'Assume the AWS role through GitHub OIDC',
      repository: repo.fullName,
      roleName: role.name,
      roleArn: role.arn,
      account: environment.account,
      region: environment.region,
      audience: environment.audience,
      sessionName: roleSessionName(repo.name),
      sessionDurationSeconds: tests.sessionDurationSeconds,
      timeoutMinutes: timeouts.credentials,
      claimsTimeoutMinutes: timeouts.claims,
    }),
    { name: 'sam deploy', workingDirectory, run: deployScript(context, region), timeoutMinutes: timeouts.deploy },
    { name: 'Run the Lambda tests', run: `${tests.testCommand.trim()}\n`, timeoutMinutes: timeouts.tests },
    {
      name: 'sam delete',
      // Also after a failure or a cancellation, so no stack is left behind; not when no credentials were obtained.
      if: "always() && steps.credentials.outcome == 'success'",
      workingDirectory,
      run: deleteScript(context, region),
      timeoutMinutes: timeouts.delete,
    },
  ];
}

/**
 * Every `sam` command reads this empty file instead of the repository's `samconfig.toml`: `sam init` writes
 * `resolve_s3 = true` there, which with `--s3-bucket` fails the deploy (`DeployResolveS3AndS3SetError`), and
 * a repository's build or delete parameters would change what runs. An absolute path is used as given; an
 * empty TOML file passes the SAM CLI's existence, extension and version checks.
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/cli/cli_config_file.py (lines 216–245)
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/lib/config/samconfig.py (lines 42–52, 185–193)
 */
const SAMCONFIG = '# An empty SAM config: the repository\'s samconfig.toml is never read.\nsamconfig="$RUNNER_TEMP/lockstep-samconfig.toml"\n: > "$samconfig"';

/** Fails the job when setup-sam fell back to another SAM CLI (its failed download is only a warning). */
function samVersionScript(): string {
  return [
    `expected='SAM CLI, version ${SAM_CLI_VERSION}'`,
    'actual="$(sam --version)"',
    'if [[ "$actual" != "$expected" ]]; then',
    '  echo "::error title=Unexpected SAM CLI::expected \'$expected\', found \'$actual\' at $(command -v sam)"',
    '  exit 1',
    'fi',
    'echo "$actual"',
    '',
  ].join('\n');
}

/**
 * `sam delete` of the run's stack and its artifacts (the run's own prefix), failing the job with an error
 * annotation and the command to finish by hand when the stack stays. A stack that doesn't exist (the
 * deploy never started) is not an error for `sam delete`.
 * @see https://github.com/aws/aws-sam-cli/blob/v1.164.0/samcli/lib/delete/cfn_utils.py
 */
function deleteScript(context: LambdaTestsContext, region: string): string {
  const { tests } = context;
  const artifacts = tests.artifactBucket !== undefined ? [`--s3-bucket ${shellQuote(tests.artifactBucket)}`, `--s3-prefix ${runPrefix(tests)}`] : [];
  const command = ['sam delete', '--config-file "$samconfig"', '--stack-name "$STACK_NAME"', `--region ${region}`, ...artifacts, '--no-prompts'];
  return [
    SAMCONFIG,
    `if ! ${command.join(' \\\n  ')}; then`,
    `  echo "::error title=Test stack left behind::sam delete failed for stack $STACK_NAME; delete it with: aws cloudformation delete-stack --region ${context.environment.region} --stack-name $STACK_NAME"`,
    '  exit 1',
    'fi',
    '',
  ].join('\n');
}

/**
 * The run's own key prefix in the artifact bucket, `<repo>/<stack name>`: `sam delete --no-prompts`
 * deletes every object under the stack's prefix, and uploads are skipped when a key exists, so runs that
 * shared a prefix could delete each other's code mid-deploy.
 */
function runPrefix(tests: ResolvedLambdaTests): string {
  return `"${tests.artifactPrefix.replace(/\/+$/, '')}/$STACK_NAME"`;
}

/**
 * `sam deploy` with the least-privilege layout of the `sam-lambda-testing` profile (the repository's prefix
 * of the environment's artifact bucket, the CloudFormation execution role the GitHub role may pass), or
 * SAM's managed bucket for a role whose permissions are managed elsewhere.
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/sam-cli-command-reference-sam-deploy.html
 */
function deployScript(context: LambdaTestsContext, region: string): string {
  const { tests, role } = context;
  const artifacts =
    tests.artifactBucket !== undefined
      ? [`--s3-bucket ${shellQuote(tests.artifactBucket)}`, `--s3-prefix ${runPrefix(tests)}`, '--no-resolve-s3']
      : ['--resolve-s3'];
  const executionRole = role.samTesting ? [`--role-arn ${shellQuote(role.samTesting.executionRoleArn)}`] : [];
  const lines = [
    'sam deploy',
    '--config-file "$samconfig"',
    '--stack-name "$STACK_NAME"',
    `--region ${region}`,
    ...artifacts,
    ...executionRole,
    // Stack tags reach every resource that takes tags: the role's policy scopes by them where names can't.
    `--tags ${Object.entries(tests.stackTags).map(([k, v]) => shellQuote(`${k}=${v}`)).join(' ')}`,
    '--capabilities CAPABILITY_IAM',
    '--no-confirm-changeset',
    '--no-fail-on-empty-changeset',
  ];
  return `${SAMCONFIG}\n${lines.join(' \\\n  ')}\n`;
}
