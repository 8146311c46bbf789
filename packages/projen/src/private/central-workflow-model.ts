import type { LambdaRuntime, ResolvedCentralWorkflow } from '@lockstep/model';
import { roleSessionName } from './role-session-name';
import { shellQuote } from './shell-quote';
import type { StepTimeouts } from './step-timeouts';
import { jobCondition, LAMBDA_TESTS_JOB, lambdaTestsStepTimeouts, lambdaTestsSteps, workflowTriggers, type LambdaTestsContext } from './lambda-tests-model';
import { RUNNER_IMAGE } from '../runner-tools';
import type { CallerJobModel, JobModel, StepModel, WorkflowCallInput, WorkflowModel } from './workflow-model';

/**
 * The inputs of the central workflow: what differs between the repositories that call it. Every value that
 * decides whether AWS admits the job (role ARN, audience, account) is written by the caller as a literal
 * from the model, so `lockstep check` reads it there; `sub` is computed from the caller anyway.
 */
const INPUTS = {
  'role-to-assume': { description: 'ARN of the role the job assumes through GitHub OIDC', type: 'string', required: true },
  'role-name': { description: 'Name of that role (for the troubleshooting output)', type: 'string', required: true },
  'role-session-name': { description: 'Role session name, unique per run (CloudTrail)', type: 'string', required: true },
  'role-duration-seconds': { description: 'Session duration, seconds', type: 'number', required: true },
  'audience': { description: 'The aud the token is requested for', type: 'string', required: true },
  'aws-region': { description: 'The AWS region of the role\'s environment', type: 'string', required: true },
  'allowed-account-ids': { description: 'The only AWS account the credentials may be for', type: 'string', required: true },
  'stack-prefix': { description: 'Name prefix of the repository\'s test stacks', type: 'string', required: true },
  'stack-tags': { description: 'Tags of the test stack, KEY=VALUE', type: 'string', required: true },
  'artifact-bucket': { description: 'The environment\'s SAM artifact bucket', type: 'string', required: true },
  'artifact-prefix': { description: 'The repository\'s key prefix in that bucket, without the trailing /', type: 'string', required: true },
  'execution-role-arn': { description: 'The CloudFormation execution role the role may pass', type: 'string', required: true },
  'working-directory': { description: 'The SAM project\'s folder', type: 'string', required: false, default: '.' },
  'install-command': { description: 'Installs what the tests need, before sam build; empty for none', type: 'string', required: false, default: '' },
  'test-command': { description: 'Runs the tests against the deployed stack', type: 'string', required: true },
  'runtime': { description: 'The Lambda runtime of the functions, e.g. python3.12', type: 'string', required: true },
  'runtime-language': { description: 'Its language: python, nodejs, java, dotnet, ruby or provided', type: 'string', required: true },
  'runtime-version': { description: 'The language version to set up', type: 'string', required: true },
  'timeout-minutes': { description: 'The job\'s timeout', type: 'number', required: true },
  'step-timeouts': { description: 'Each step\'s timeout in minutes, as JSON', type: 'string', required: true },
  'github-environment': { description: 'The GitHub environment the job references (it decides sub); empty for none', type: 'string', required: false, default: '' },
} satisfies Record<string, WorkflowCallInput>;

type InputId = keyof typeof INPUTS;
const input = (id: InputId) => `\${{ inputs.${id} }}`;

/**
 * The central reusable workflow (`on: workflow_call`): the lambda-tests job of {@link lambdaTestsSteps}, its
 * per-repository values taken from inputs, one set-up step per runtime language among `contexts` (the
 * repositories that call it). Scripts read inputs through environment variables, never pasted into the script.
 * @see https://docs.github.com/en/actions/sharing-automations/reusing-workflows#creating-a-reusable-workflow
 */
export function centralWorkflowModel(contexts: readonly LambdaTestsContext[]): WorkflowModel {
  const first = contexts[0];
  if (first === undefined) throw new Error('the central workflow needs at least one repository with lambdaTests.central');
  const template: LambdaTestsContext = {
    repo: { ...first.repo, name: '', fullName: '${{ github.repository }}' },
    role: { ...first.role, name: input('role-name'), arn: input('role-to-assume'), samTesting: { ...first.role.samTesting!, executionRoleArn: '$EXECUTION_ROLE_ARN' } },
    environment: { ...first.environment, region: input('aws-region'), audience: input('audience'), account: input('allowed-account-ids') },
    tests: {
      ...first.tests,
      workingDirectory: input('working-directory'),
      installCommand: 'eval "$INSTALL_COMMAND"',
      testCommand: 'eval "$TEST_COMMAND"',
      sessionDurationSeconds: 0,
      artifactBucket: '$ARTIFACT_BUCKET',
      artifactPrefix: '$ARTIFACT_PREFIX',
      stackTags: {},
    },
  };
  const timeouts = Object.fromEntries(Object.keys(lambdaTestsStepTimeouts(first.tests)).map((k) => [k, `\${{ fromJSON(inputs.step-timeouts).${k} }}`])) as Record<keyof StepTimeouts, string>;
  const languages = [...new Set(contexts.map((c) => c.tests.runtime.language))].sort();
  const steps = lambdaTestsSteps(template, timeouts).flatMap((step): StepModel[] => {
    if ('uses' in step && step.name.startsWith('Set up ') && step.name !== 'Set up the SAM CLI') {
      // One set-up step per language the callers use, each for the caller's version.
      return languages.flatMap((language) => setUpStep(template, language, timeouts.setUp));
    }
    if ('uses' in step && step.id === 'credentials') {
      return [{ ...step, with: { ...step.with, roleSessionName: input('role-session-name'), roleDurationSeconds: input('role-duration-seconds') } }];
    }
    if ('run' in step && step.run === 'eval "$INSTALL_COMMAND"\n') {
      return [{ ...step, if: "inputs.install-command != ''", env: { INSTALL_COMMAND: input('install-command') } }];
    }
    if ('run' in step && step.run === 'eval "$TEST_COMMAND"\n') return [{ ...step, env: { TEST_COMMAND: input('test-command') } }];
    if ('run' in step && /^sam (deploy|delete)$/.test(step.name)) {
      // The quoted placeholders of the layout become the job's variables; the tags are one KEY=VALUE input.
      const run = step.run
        .replace(`${shellQuote('$ARTIFACT_BUCKET')}`, '"$ARTIFACT_BUCKET"')
        .replace(`${shellQuote('$EXECUTION_ROLE_ARN')}`, '"$EXECUTION_ROLE_ARN"')
        .replace('--tags ', '--tags "$STACK_TAGS"');
      return [{ ...step, run }];
    }
    return [step];
  });
  const job: JobModel = {
    name: 'Lambda tests on AWS',
    runsOn: RUNNER_IMAGE,
    permissions: { idToken: 'write', contents: 'read' },
    timeoutMinutes: input('timeout-minutes'),
    defaultShell: 'bash',
    env: {
      STACK_NAME: `${input('stack-prefix')}\${{ github.run_id }}-\${{ github.run_attempt }}`,
      STACK_TAGS: input('stack-tags'),
      ARTIFACT_BUCKET: input('artifact-bucket'),
      ARTIFACT_PREFIX: input('artifact-prefix'),
      EXECUTION_ROLE_ARN: input('execution-role-arn'),
    },
    steps,
  };
  // A caller job can't name an environment, so the called job does. Whether an empty `environment:` means
  // none is not documented by GitHub: a second job with the environment runs instead of the first when one
  // is given, and only when a caller has one.
  const environments = contexts.some((c) => c.tests.environment !== undefined);
  return {
    name: 'lockstep-lambda-tests',
    on: { workflowCall: { inputs: INPUTS } },
    jobs: environments
      ? {
        [LAMBDA_TESTS_JOB]: { ...job, if: "inputs.github-environment == ''" },
        [`${LAMBDA_TESTS_JOB}-in-environment`]: { ...job, if: "inputs.github-environment != ''", environment: input('github-environment') },
      }
      : { [LAMBDA_TESTS_JOB]: job },
  };
}

function setUpStep(template: LambdaTestsContext, language: LambdaRuntime['language'], timeout: string): StepModel[] {
  if (language === 'provided') return [];
  const runtime = { ...template.tests.runtime, language, id: input('runtime'), version: input('runtime-version') };
  // Imported lazily through the steps builder: the same pins and inputs as the per-repository workflow.
  const [step] = lambdaTestsSteps({ ...template, tests: { ...template.tests, runtime, pythonVersion: input('runtime-version') } }, {
    checkout: 0, setUp: timeout, samVersion: 0, install: 0, build: 0, credentials: 0, claims: 0, deploy: 0, tests: 0, delete: 0,
  }).filter((s) => 'uses' in s && s.name.startsWith('Set up ') && s.name !== 'Set up the SAM CLI');
  return step === undefined ? [] : [{ ...step, if: `inputs.runtime-language == '${language}'` }];
}

/**
 * The small `lambda-tests.yml` of a repository on the central workflow: its own triggers and job condition,
 * the job permissions, and one job that calls the central workflow at the pinned commit with the
 * repository's values as literals.
 * @see https://docs.github.com/en/actions/sharing-automations/reusing-workflows#calling-a-reusable-workflow
 */
export function callerModel(context: LambdaTestsContext, central: ResolvedCentralWorkflow): WorkflowModel {
  const { repo, tests, role, environment } = context;
  const caller: CallerJobModel = {
    name: 'Lambda tests on AWS',
    if: jobCondition(tests),
    permissions: { idToken: 'write', contents: 'read' },
    uses: central.uses,
    with: {
      'role-to-assume': role.arn,
      'role-name': role.name,
      'role-session-name': roleSessionName(repo.name),
      'role-duration-seconds': tests.sessionDurationSeconds,
      'audience': environment.audience,
      'aws-region': environment.region,
      'allowed-account-ids': environment.account,
      'stack-prefix': tests.stackPrefix,
      'stack-tags': Object.entries(tests.stackTags).map(([k, v]) => `${k}=${v}`).join(' '),
      'artifact-bucket': tests.artifactBucket ?? '',
      'artifact-prefix': tests.artifactPrefix.replace(/\/+$/, ''),
      'execution-role-arn': role.samTesting?.executionRoleArn ?? '',
      'working-directory': tests.workingDirectory,
      ...(tests.installCommand !== undefined ? { 'install-command': tests.installCommand.trim() } : {}),
      'test-command': tests.testCommand.trim(),
      'runtime': tests.runtime.id,
      'runtime-language': tests.runtime.language,
      'runtime-version': tests.runtime.language === 'python' ? tests.pythonVersion : tests.runtime.version,
      'timeout-minutes': tests.timeoutMinutes,
      'step-timeouts': JSON.stringify(lambdaTestsStepTimeouts(tests)),
      ...(tests.environment !== undefined ? { 'github-environment': tests.environment } : {}),
    } satisfies Partial<Record<InputId, string | number>>,
  };
  return {
    name: 'lambda-tests',
    on: workflowTriggers(tests),
    concurrency: { group: `${LAMBDA_TESTS_JOB}-\${{ github.ref }}` },
    jobs: { [LAMBDA_TESTS_JOB]: caller },
  };
}
