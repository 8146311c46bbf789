import type { BranchFilter } from '../../github/triggers';
import { artifactPrefix } from '../artifact-bucket';
import { LAMBDA_RUNTIMES, RETIRED_LAMBDA_RUNTIMES, type LambdaRuntime } from '../lambda-runtime';
import type { LambdaTestsConfig } from '../config';
import type { ResolvedLambdaTests } from '../resolved-config';
import { repoStackPrefix, testStackTags } from '../stack-names';
import { lambdaTestsSubjectContexts, SubjectContext } from '../../github/subjects';
import { resolveTriggers } from '../../github/triggers';
import { cronProblem } from './cron';
import { checkRefs } from './git-ref-name';
import { IssueList } from './issue-list';
import { LIMITS } from './limits';
import { rangeProblem, unknownReference } from './problems';
import { quote, quoteList } from './quote';
import { didYouMean } from './suggest';
import type { RoleDraft } from './resolve-roles';
import { normalizeWorkingDirectory } from './working-directory';

/** What a repository's lambda-tests config resolves against. */
export interface LambdaTestsContext {
  readonly repo: string;
  readonly defaultBranch: string;
  /** Undefined when the repository names an unknown role. */
  readonly role?: RoleDraft;
  readonly environments: ReadonlySet<string>;
  /** The repository's `sub` prefixes, to list the job's subjects. */
  readonly prefixes: readonly string[];
}


/**
 * Validates one repository's `lambdaTests` and resolves it, with the `sub` contexts its job presents.
 * @param at the config path of `lambdaTests`
 */
export function resolveLambdaTests(
  config: LambdaTestsConfig,
  context: LambdaTestsContext,
  at: readonly PropertyKey[],
  issues: IssueList,
): { lambdaTests: ResolvedLambdaTests; subjectContexts: SubjectContext[] } {
  checkTriggers(config, [...at, 'on'], issues);
  if (config.environment !== undefined && !context.environments.has(config.environment) && !issues.refused(['environments', config.environment])) {
    issues.add([...at, 'environment'], unknownReference(config.environment, 'environment', context.environments));
  }
  if (config.githubEnvironment !== undefined) {
    if (config.environment !== undefined) {
      issues.add([...at, 'githubEnvironment'], `${quote(config.githubEnvironment)} and environment ${quote(config.environment)} both name the job's GitHub environment; keep githubEnvironment and remove environment`);
    }
    issues.add([...at, 'githubEnvironment'], githubEnvironmentProblem(config.githubEnvironment));
  }
  const githubEnvironment = config.githubEnvironment ?? config.environment;
  const dir = normalizeWorkingDirectory(config.workingDirectory ?? '.');
  if ('problem' in dir) issues.add([...at, 'workingDirectory'], dir.problem);
  if (config.testCommand.trim() === '') {
    issues.add([...at, 'testCommand'], `${quote(config.testCommand)} is empty; expected the command that runs the tests, e.g. "pytest tests/lambda -v"`);
  }
  if (config.testCommand.includes('${{')) {
    // GitHub expands expressions into the script before the shell runs it: a value from the event (a
    // branch name, a pull request title) would become code. The job's environment variables are safe.
    issues.add([...at, 'testCommand'], `${quote(config.testCommand)} holds a \${{ }} expression, which GitHub pastes into the run: script before the shell sees it (script injection); use the job's environment variables instead, e.g. "$STACK_NAME", "$AWS_REGION"`);
  }
  if (config.installCommand !== undefined) {
    if (config.installCommand.trim() === '') {
      issues.add([...at, 'installCommand'], `${quote(config.installCommand)} is empty; expected the command that installs what the tests need, e.g. "pip install -e . pytest", or remove installCommand`);
    } else if (config.installCommand.includes('${{')) {
      issues.add([...at, 'installCommand'], `${quote(config.installCommand)} holds a \${{ }} expression, which GitHub pastes into the run: script before the shell sees it (script injection); use the job's environment variables instead`);
    }
  }
  const runtime = resolveRuntime(config, at, issues);
  const pythonVersion = config.pythonVersion ?? (runtime.language === 'python' ? runtime.version : '3.12');
  if (!/^(?:pypy)?[0-9]+(?:\.(?:[0-9]+|x)){0,2}t?$/.test(pythonVersion)) {
    issues.add([...at, 'pythonVersion'], `${quote(pythonVersion)} is not a Python version actions/setup-python understands; expected e.g. "3.12"`);
  }
  const timeoutMinutes = config.timeoutMinutes ?? 60;
  const timeoutProblem = rangeProblem(timeoutMinutes, LIMITS.minLambdaTestsMinutes, LIMITS.maxJobMinutes, 'minutes');
  issues.add([...at, 'timeoutMinutes'], timeoutProblem && `${timeoutProblem} (each step has its own timeout within the job's, and sam delete keeps 10 minutes of it)`);
  const sessionDurationSeconds = config.sessionDurationSeconds ?? 3600;
  // Compare with the role's maximum only when that is valid itself (it is reported on its own otherwise).
  const roleMax = context.role === undefined || issues.refused(['roles', context.role.name, 'maxSessionDuration']) ? undefined : context.role.maxSessionDuration;
  const maxSession = roleMax !== undefined && rangeProblem(roleMax, LIMITS.roleSession.min, LIMITS.roleSession.max, '') === undefined
    ? roleMax : LIMITS.roleSession.max;
  const sessionProblem = rangeProblem(sessionDurationSeconds, LIMITS.minJobSession, maxSession, 'seconds');
  issues.add([...at, 'sessionDurationSeconds'], sessionProblem === undefined || sessionDurationSeconds <= maxSession
    ? sessionProblem
    : `${sessionProblem} (the maxSessionDuration of role ${quote(context.role?.name)}); lower it, or raise roles.${context.role?.name}.maxSessionDuration`);

  const triggers = resolveTriggers(config.on, context.defaultBranch);
  const subjectContexts = lambdaTestsSubjectContexts(triggers, githubEnvironment, context.defaultBranch);
  const subjects = [...new Set(subjectContexts.flatMap((c) => context.prefixes.map((p) => p + c.context)))].sort();
  return {
    subjectContexts,
    lambdaTests: {
      triggers,
      environment: githubEnvironment,
      runtime,
      installCommand: config.installCommand,
      workingDirectory: 'path' in dir ? dir.path : '.',
      testCommand: config.testCommand,
      pythonVersion,
      timeoutMinutes,
      sessionDurationSeconds,
      stackPrefix: repoStackPrefix(context.repo),
      stackTags: testStackTags(context.repo),
      artifactPrefix: artifactPrefix(context.repo),
      artifactBucket: context.role?.samTesting?.artifactBucket,
      subjects,
    },
  };
}

function checkTriggers(config: LambdaTestsConfig, at: readonly PropertyKey[], issues: IssueList): void {
  const on = config.on;
  const enabled = (f: BranchFilter | undefined) => f !== undefined && f !== false;
  const pushes = (on.push?.branches?.length ?? 0) + (on.push?.tags?.length ?? 0);
  // With a refused trigger, whether the person enabled one is unknown.
  if (!enabled(on.pullRequest) && pushes === 0 && !enabled(on.workflowDispatch) && (on.schedule?.length ?? 0) === 0 && !enabled(on.mergeGroup)
    && !issues.refusedWithin(at)) {
    issues.add(at, 'no trigger is enabled, so the workflow would never run; expected at least one of pullRequest, push, workflowDispatch, schedule or mergeGroup');
  }
  if (on.push !== undefined && pushes === 0 && !issues.refusedWithin([...at, 'push'])) {
    issues.add([...at, 'push'], 'push lists no branches or tags; expected e.g. { branches: ["main"] }, or remove push');
  }
  checkRefs(on.push?.branches, 'branch', [...at, 'push', 'branches'], issues);
  checkRefs(on.push?.tags, 'tag', [...at, 'push', 'tags'], issues);
  for (const [key, filter, exact] of [['pullRequest', on.pullRequest, false], ['workflowDispatch', on.workflowDispatch, true], ['mergeGroup', on.mergeGroup, false]] as const) {
    if (typeof filter !== 'object') continue;
    const path = [...at, key, 'branches'];
    // pull_request with no branch filter runs for every base branch; the others need a branch to run from.
    if (key !== 'pullRequest' && filter.branches.length === 0) issues.add(path, `no branches; expected at least one, or ${key}: true for the default branch`);
    checkRefs(filter.branches, 'branch', path, issues);
    if (exact) {
      filter.branches.forEach((b, i) => {
        if (b.includes('*')) issues.add([...path, i], `${quote(b)} is a pattern; expected an exact branch name (the job checks the ref it was dispatched from against this list)`);
      });
    }
  }
  on.schedule?.forEach((cron, i) => issues.add([...at, 'schedule', i], cronProblem(cron)));
}


/**
 * The runtime the job builds for: `runtime`, or `python<pythonVersion>` for configs written before it.
 * A retired or unknown runtime is refused with the choices; the default stands in for it meanwhile.
 */
function resolveRuntime(config: LambdaTestsConfig, at: readonly PropertyKey[], issues: IssueList): LambdaRuntime {
  const fallback = LAMBDA_RUNTIMES['python3.12'];
  if (config.runtime === undefined) {
    if (config.pythonVersion === undefined) return fallback;
    return LAMBDA_RUNTIMES[`python${config.pythonVersion}`] ?? fallback;
  }
  const found = LAMBDA_RUNTIMES[config.runtime];
  const choices = Object.keys(LAMBDA_RUNTIMES);
  if (found === undefined) {
    const retired = RETIRED_LAMBDA_RUNTIMES[config.runtime];
    issues.add([...at, 'runtime'], retired !== undefined
      ? `${quote(config.runtime)} is deprecated by AWS Lambda (new functions can't use it) or refused by the SAM CLI; use ${quote(retired)}, or one of ${quoteList(choices)}`
      : `${quote(config.runtime)} is not a Lambda runtime the job can set up${didYouMean(config.runtime, choices)}; expected the Runtime of the SAM template's functions, one of ${quoteList(choices)}`);
    return fallback;
  }
  if (config.pythonVersion !== undefined && (found.language !== 'python' || found.version !== config.pythonVersion)) {
    issues.add([...at, 'pythonVersion'], found.language === 'python'
      ? `${quote(config.pythonVersion)} differs from runtime ${quote(found.id)}, and sam build needs exactly Python ${found.version}; remove pythonVersion`
      : `${quote(config.pythonVersion)} goes with a Python runtime, but runtime is ${quote(found.id)}; remove pythonVersion`);
  }
  return found;
}

/**
 * Why GitHub would refuse a deployment environment name, or undefined: 1–255 characters; `${{` would make
 * it an expression, so the checker could not know the job's `sub`.
 * @see https://docs.github.com/en/actions/how-tos/deploy/configure-and-manage-deployments/manage-environments
 */
export function githubEnvironmentProblem(name: string): string | undefined {
  if (name.trim() === '' || name.length > 255 || name !== name.trim() || /[\u0000-\u001f\u007f]|\$\{\{/.test(name)) {
    return `${quote(name)} is not usable as a GitHub environment name; expected 1–255 characters without surrounding spaces, control characters or \${{ }}, e.g. "integration"`;
  }
  return undefined;
}
