import type { LockstepConfig } from '../config';
import type { ResolvedRepo, ResolvedRole, ResolvedSweeper, ResolvedSweeperTarget } from '../resolved-config';
import { roleLogicalId } from '../logical-id';
import { roleArn } from '../../iam/arn';
import { DEFAULT_TRUST_POLICY_QUOTA, trustPolicySize } from '../../iam/policy-size';
import { subjectPrefixes, type SubjectFormat } from '../../github/subject-prefix';
import { environmentContext } from '../../github/subject-rules';
import { subjectOperator } from '../../github/subjects';
import { trustPolicy, type SubjectGrant } from '../../github/trust-policy';
import { compareStrings } from '../../basics/compare-strings';
import { cronProblem } from './cron';
import { roleNameProblem } from './aws-names';
import { repoNameProblem } from './github-names';
import type { IssueList } from './issue-list';
import { LIMITS } from './limits';
import { quote } from './quote';
import { githubEnvironmentProblem } from './resolve-lambda-tests';
import type { EnvironmentDraft } from './resolve-environments';

/** The sweeper's schedule unless configured: hourly, off the full hour, when GitHub's scheduler is busiest. */
export const DEFAULT_SWEEPER_SCHEDULE = '17 * * * *';
/** The sweeper's GitHub environment unless configured. */
export const DEFAULT_SWEEPER_ENVIRONMENT = 'lockstep-sweeper';
/** The sweeper's age limit unless configured (raised above the longest lambdaTests job when that is longer). */
export const DEFAULT_SWEEPER_MAX_AGE_HOURS = 6;
/** The sweeper role of one AWS environment: `LockstepSweeper-<environment>`. */
export function sweeperRoleName(environment: string): string {
  return `LockstepSweeper-${environment}`;
}

/**
 * Validates `sweeper` and derives, per AWS environment that has `sam-lambda-testing` repositories, one
 * role of the `test-stack-sweeper` profile trusting exactly the sweeper's `sub`, and what it sweeps there.
 * Only those repositories' stacks are swept: they were created through the `<role>-CfnExec` service role,
 * which CloudFormation reuses for DeleteStack, so the sweeper needs no permission on their resources.
 */
export function resolveSweeper(
  config: LockstepConfig,
  environments: Map<string, EnvironmentDraft>,
  roles: readonly ResolvedRole[],
  repos: readonly ResolvedRepo[],
  issues: IssueList,
): { readonly sweeper?: ResolvedSweeper; readonly roles: ResolvedRole[] } {
  const sweeper = config.sweeper;
  if (sweeper === undefined) return { roles: [] };
  const at = ['sweeper'];
  const { owner, ownerId } = config.github;
  issues.add([...at, 'repo'], repoNameProblem(sweeper.repo));
  const schedule = sweeper.schedule ?? DEFAULT_SWEEPER_SCHEDULE;
  issues.add([...at, 'schedule'], cronProblem(schedule));
  const githubEnvironment = sweeper.githubEnvironment ?? DEFAULT_SWEEPER_ENVIRONMENT;
  issues.add([...at, 'githubEnvironment'], githubEnvironmentProblem(githubEnvironment));

  // A job's stack lives at most as long as its job: the sweeper must wait longer than the longest job.
  const tested = repos.filter((r) => r.lambdaTests !== undefined);
  const longest = tested.reduce<ResolvedRepo | undefined>((a, r) => (a === undefined || r.lambdaTests!.timeoutMinutes > a.lambdaTests!.timeoutMinutes ? r : a), undefined);
  const longestMinutes = longest?.lambdaTests?.timeoutMinutes ?? 0;
  const maxAgeHours = sweeper.maxAgeHours ?? Math.max(DEFAULT_SWEEPER_MAX_AGE_HOURS, Math.floor(longestMinutes / 60) + 1);
  if (!Number.isInteger(maxAgeHours) || maxAgeHours < 1) {
    issues.add([...at, 'maxAgeHours'], `${quote(maxAgeHours)} is not a whole number of hours of at least 1; expected e.g. ${DEFAULT_SWEEPER_MAX_AGE_HOURS}`);
  } else if (longest !== undefined && maxAgeHours * 60 <= longestMinutes && !issues.refused(['repos', longest.name, 'lambdaTests', 'timeoutMinutes'])) {
    issues.add([...at, 'maxAgeHours'],
      `${maxAgeHours} hours is not longer than repos.${longest.name}.lambdaTests.timeoutMinutes (${longestMinutes} minutes), so the sweeper could delete the stack of a job that still runs; `
      + `set maxAgeHours to at least ${Math.floor(longestMinutes / 60) + 1}, or lower that timeout`);
  }

  // The sweeper repository's own subject format when it is onboarded, else the name-based one.
  const onboarded = repos.find((r) => r.name === sweeper.repo);
  const format: SubjectFormat = onboarded?.subjectFormat ?? 'legacy';
  const prefixes = subjectPrefixes({ owner, ownerId, repo: sweeper.repo, repoId: onboarded?.id }, format);
  const subjects: SubjectGrant[] = prefixes
    .map((p) => p + environmentContext(githubEnvironment))
    .sort(compareStrings)
    .map((value) => ({ value, operator: subjectOperator(value), repo: sweeper.repo, reason: `the sweeper's jobs (environment ${githubEnvironment})` }));

  const configured = new Set(Object.keys(config.roles).map((n) => n.toLowerCase()));
  const targets: ResolvedSweeperTarget[] = [];
  const sweeperRoles: ResolvedRole[] = [];
  const samEnvironments = [...new Set(roles.filter((r) => r.permissions === 'sam-lambda-testing').map((r) => r.environment))].sort(compareStrings);
  for (const envName of samEnvironments) {
    const env = environments.get(envName);
    if (env === undefined) continue;
    const samRoles = new Set(roles.filter((r) => r.permissions === 'sam-lambda-testing' && r.environment === envName).map((r) => r.name));
    const swept = repos
      .filter((r) => samRoles.has(r.role) && r.lambdaTests !== undefined)
      .map((r) => ({ name: r.name, stackPrefix: r.lambdaTests!.stackPrefix }))
      .sort((a, b) => compareStrings(a.name, b.name));
    if (swept.length === 0) continue;
    const name = sweeperRoleName(envName);
    issues.add(at, roleNameProblem(name) && `the sweeper's role in environment ${quote(envName)}, ${quote(name)}, is not a valid IAM role name (${roleNameProblem(name)}); shorten the environment's name`);
    if (configured.has(name.toLowerCase())) {
      issues.add(['roles', name], `${quote(name)} is the name of the sweeper's role in environment ${quote(envName)}: IAM role names are unique ignoring case; rename the role`);
    }
    const arn = roleArn(env.partition, env.account, '/', name);
    const policy = trustPolicy({ providerArn: env.provider.arn, audience: env.audience, subjects });
    const size = trustPolicySize(policy);
    sweeperRoles.push({
      name,
      environment: envName,
      path: '/',
      arn,
      managedBy: 'lockstep',
      permissions: 'test-stack-sweeper',
      maxSessionDuration: LIMITS.roleSession.min,
      trustPolicyQuota: DEFAULT_TRUST_POLICY_QUOTA,
      repos: [sweeper.repo],
      subjects,
      trustPolicy: policy,
      trustPolicySize: size,
      description: `Lockstep sweeper: deletes test stacks older than ${maxAgeHours} hours; assumed only by ${owner}/${sweeper.repo}'s jobs in environment ${githubEnvironment}.`,
      extraStatements: [],
      // Its subject names the sweeper's environment, whose deployment branch rule keeps other refs out.
      bindWorkflow: false,
      logicalId: roleLogicalId(name),
    });
    targets.push({ environment: envName, account: env.account, region: env.region, audience: env.audience, roleName: name, roleArn: arn, repos: swept });
  }
  if (targets.length === 0 && !issues.refusedWithin(['roles']) && !issues.refusedWithin(['repos'])) {
    issues.add(at, 'no repository has a role with permissions "sam-lambda-testing", so there are no test stacks to sweep; remove sweeper');
  }
  return {
    roles: sweeperRoles,
    sweeper: {
      repo: sweeper.repo,
      fullName: `${owner}/${sweeper.repo}`,
      schedule,
      maxAgeHours,
      githubEnvironment,
      defaultBranch: onboarded?.defaultBranch ?? 'main',
      targets,
    },
  };
}
