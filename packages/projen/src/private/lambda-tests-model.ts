import type { ResolvedConfig, ResolvedEnvironment, ResolvedLambdaTests, ResolvedRepo, ResolvedRole } from '@lockstep/model';
import { dispatchGuard } from '@lockstep/model';
import { ACTION_PINS } from '../action-pins';
import { roleSessionName } from './role-session-name';
import { shellQuote } from './shell-quote';
import type { StepModel, WorkflowModel } from './workflow-model';

/** The job id, also the file's name: `lambda-tests.yml`. */
export const LAMBDA_TESTS_JOB = 'lambda-tests';

/** Everything the workflow of one repository is built from, looked up once. */
export interface LambdaTestsContext {
  readonly repo: ResolvedRepo;
  readonly tests: ResolvedLambdaTests;
  readonly role: ResolvedRole;
  readonly environment: ResolvedEnvironment;
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
  return { repo, tests, role, environment };
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
  const t = tests.triggers;
  return {
    name: 'lambda-tests',
    on: {
      ...(t.pullRequest ? { pullRequest: { branches: t.pullRequest.branches } } : {}),
      ...(t.pushBranches.length > 0 || t.pushTags.length > 0 ? { push: { branches: t.pushBranches, tags: t.pushTags } } : {}),
      ...(t.mergeGroup ? { mergeGroup: { branches: t.mergeGroup.branches } } : {}),
      ...(t.workflowDispatch ? { workflowDispatch: true as const } : {}),
      ...(t.schedule.length > 0 ? { schedule: t.schedule } : {}),
    },
    concurrency: { group: `${LAMBDA_TESTS_JOB}-\${{ github.ref }}` },
    jobs: {
      [LAMBDA_TESTS_JOB]: {
        name: 'Lambda tests on AWS',
        runsOn: 'ubuntu-24.04',
        if: jobCondition(tests),
        environment: tests.environment,
        permissions: { idToken: 'write', contents: 'read' },
        timeoutMinutes: tests.timeoutMinutes,
        defaultShell: 'bash',
        // Unique per run and attempt, under the prefix the role's policy allows: runs never share a stack.
        env: { STACK_NAME: `${tests.stackPrefix}\${{ github.run_id }}-\${{ github.run_attempt }}` },
        steps: steps(context),
      },
    },
  };
}

/**
 * The job's `if:`: fork pull requests never get an OIDC token, so they are skipped rather than failed;
 * manual runs only from the branches whose subject the trust policy lists.
 */
function jobCondition(tests: ResolvedLambdaTests): string | undefined {
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

function steps(context: LambdaTestsContext): StepModel[] {
  const { repo, tests, role, environment } = context;
  const workingDirectory = tests.workingDirectory === '.' ? undefined : tests.workingDirectory;
  const region = shellQuote(environment.region);
  return [
    {
      name: 'Check out',
      uses: ACTION_PINS.checkout,
      // The job's token stays out of .git/config, where the tests could read it.
      with: { persistCredentials: false },
    },
    {
      name: 'Set up Python',
      uses: ACTION_PINS.setupPython,
      with: { pythonVersion: tests.pythonVersion },
    },
    {
      name: 'Set up the SAM CLI',
      uses: ACTION_PINS.setupSam,
      with: { useInstaller: true },
    },
    // Before the credentials: the build runs the project's dependency installs, which need no AWS access.
    { name: 'sam build', workingDirectory, run: 'sam build\n' },
    {
      id: 'credentials',
      name: 'Assume the AWS role through GitHub OIDC',
      uses: ACTION_PINS.configureAwsCredentials,
      with: {
        roleToAssume: role.arn,
        audience: environment.audience,
        awsRegion: environment.region,
        roleSessionName: roleSessionName(repo.name),
        roleDurationSeconds: tests.sessionDurationSeconds,
        allowedAccountIds: environment.account,
        maskAwsAccountId: true,
      },
    },
    { name: 'sam deploy', workingDirectory, run: deployScript(context, region) },
    { name: 'Run the Lambda tests', run: `${tests.testCommand.trim()}\n` },
    {
      name: 'sam delete',
      // Also after a failure or a cancellation, so no stack is left behind; not when no credentials were obtained.
      if: "always() && steps.credentials.outcome == 'success'",
      workingDirectory,
      run: `sam delete --stack-name "$STACK_NAME" --region ${region} --no-prompts\n`,
    },
  ];
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
      ? [`--s3-bucket ${shellQuote(tests.artifactBucket)}`, `--s3-prefix ${shellQuote(tests.artifactPrefix.replace(/\/+$/, ''))}`]
      : ['--resolve-s3'];
  const executionRole = role.samTesting ? [`--role-arn ${shellQuote(role.samTesting.executionRoleArn)}`] : [];
  const lines = [
    'sam deploy',
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
  return `${lines.join(' \\\n  ')}\n`;
}
