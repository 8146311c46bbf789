import type { ResolvedRepo, ResolvedRole } from '../resolved-config';
import { byName, compareStrings } from '../../basics/compare-strings';
import type { IssueList } from './issue-list';
import { quote } from './quote';
import { environmentRefused } from './resolve-environments';
import type { RoleDraft } from './resolve-roles';
import { completeRole, RoleShape, trustSizeWith } from './role-trust';
import { splitRole } from './split-role';
import { fewerSubjectsFix, raiseQuotaFix } from './trust-quota-fixes';

/** The finished roles, and the repositories pointing at them (at a numbered role when theirs was split). */
export interface FinishedRoles {
  readonly roles: ResolvedRole[];
  readonly repos: ResolvedRepo[];
  /** Configured roles no repository is mapped to: not deployed, not exported. */
  readonly unusedRoles: string[];
}

/**
 * Completes each role with its repositories, subjects and trust policy, and handles what only the whole
 * picture shows: a role no repository uses (left out), a `sam-lambda-testing` role with repositories its
 * permissions can't be scoped to (refused), and a trust policy over its quota — refused, or split over
 * numbered roles when the role opts in with `splitWhenOverQuota`.
 */
export function finishRoles(roles: Map<string, RoleDraft>, repos: readonly ResolvedRepo[], issues: IssueList): FinishedRoles {
  const finished: ResolvedRole[] = [];
  const numberedRoleOf = new Map<string, ResolvedRole>();
  const unusedRoles: string[] = [];
  const reposOf = new Map<string, ResolvedRepo[]>();
  for (const repo of repos) {
    const same = reposOf.get(repo.role);
    if (same !== undefined) same.push(repo);
    else reposOf.set(repo.role, [repo]);
  }
  for (const { splitWhenOverQuota, ...role } of roles.values()) {
    const mine = reposOf.get(role.name) ?? [];
    checkSamTestingRepos(role, mine, issues);
    const whole = completeRole(role, mine);
    // The size is made of the environment's account and partition, and the quota may be a stand-in.
    const sizeKnown = !issues.refused(['roles', role.name, 'trustPolicyQuota']) && !issues.refused(['roles', role.name, 'environment'])
      && !environmentRefused(issues, role.environment);
    const overQuota = sizeKnown && mine.length > 0 && whole.trustPolicySize > role.trustPolicyQuota;
    if (overQuota && splitWhenOverQuota) {
      for (const part of splitRole(role, mine, issues)) {
        finished.push(part);
        for (const repo of part.repos) numberedRoleOf.set(repo, part);
      }
      continue;
    }
    if (mine.length === 0) {
      // IAM refuses a GitHub trust policy without a `sub` condition, so there is nothing valid to deploy:
      // the role is left out (a deployed one is deleted), which keeps switching a repository between
      // Option A and Option B a one-line change that leaves the other role configured for later.
      unusedRoles.push(role.name);
      continue;
    }
    if (overQuota && !issues.refused(['roles', role.name, 'splitWhenOverQuota'])) {
      issues.add(['roles', role.name], overQuotaMessage(role, mine, whole.trustPolicySize));
    }
    finished.push(whole);
  }
  checkNumberedNamesUnique(finished, issues);
  const pointed = repos.map((repo) => {
    const part = numberedRoleOf.get(repo.name);
    return part === undefined ? repo : { ...repo, role: part.name, roleArn: part.arn };
  });
  return { roles: finished, repos: pointed, unusedRoles: unusedRoles.sort() };
}

/**
 * A `sam-lambda-testing` role's permissions are scoped to the test stacks (`lockstep-<repo>-*`) and
 * artifact prefixes (`<repo>/`) of its repositories that have `lambdaTests`, so:
 * - a role none of whose repositories has lambdaTests has nothing to scope them to (the CDK construct
 *   would have no prefix to write): refused at the role;
 * - a repository without lambdaTests beside ones that have them: refused too, at the repository's `role`,
 *   rather than accepted with permissions it can't use. Its workflows could assume the role and then act
 *   on the other repositories' test stacks and artifacts, and on no stacks of their own: the
 *   cross-repository access a dedicated role (Option B) exists to prevent, and surprising either way.
 * A repository with both lambdaTests and subjects is fine: its other workflows act on its own prefix.
 * A repository whose lambdaTests was refused by the structure check counts as neither.
 */
function checkSamTestingRepos(role: RoleShape, repos: readonly ResolvedRepo[], issues: IssueList): void {
  if (role.permissions !== 'sam-lambda-testing' || repos.length === 0) return;
  const known = repos.filter((r) => !issues.refused(['repos', r.name, 'lambdaTests']));
  const tested = known.filter((r) => r.lambdaTests !== undefined).map((r) => r.name).sort(compareStrings);
  const untested = known.filter((r) => r.lambdaTests === undefined).map((r) => r.name).sort(compareStrings);
  if (tested.length === 0) {
    if (known.length < repos.length) return;
    issues.add(['roles', role.name],
      `has permissions "sam-lambda-testing", but none of its repositories (${untested.map((r) => quote(r)).join(', ')}) has lambdaTests, `
      + `so there are no test stacks to scope the permissions to; set managedBy: "external" (or "terraform") and remove permissions if the role is for workflows Lockstep doesn't generate, `
      + `or add lambdaTests to ${untested.length === 1 ? 'the repository' : 'one of them'}`);
    return;
  }
  for (const name of untested) {
    issues.add(['repos', name, 'role'],
      `${quote(role.name)} has permissions "sam-lambda-testing", scoped to the test stacks and artifacts of its repositories with lambdaTests (${tested.map((r) => quote(r)).join(', ')}); `
      + `${quote(name)} has no lambdaTests, so its workflows would act on their test stacks and artifacts, and have none of their own; `
      + `add lambdaTests to it, or map it to a role that other code manages (managedBy: "external" or "terraform", without permissions)`);
  }
}

/**
 * The refusal of a trust policy over its quota, with the fixes that apply: moving repositories or
 * splitting the role only when it has several, and only when no repository is too large on its own.
 */
function overQuotaMessage(role: RoleShape, repos: readonly ResolvedRepo[], size: number): string {
  const tooLarge = repos.filter((r) => trustSizeWith(role, [r]) > role.trustPolicyQuota).sort(byName);
  const fixes: string[] = [];
  if (repos.length > 1) fixes.push('move repositories to another role');
  if (repos.length > 1 && tooLarge.length === 0) {
    fixes.push(`set splitWhenOverQuota: true to spread them over numbered roles ("${role.name}-1", "${role.name}-2", …)`);
  }
  if (tooLarge.length > 0) {
    const whose = tooLarge.map((r) => quote(r.name)).join(', ');
    fixes.push(fewerSubjectsFix(`${whose}, whose subjects alone pass the quota`));
  }
  fixes.push(raiseQuotaFix(role, 'trustPolicyQuota'));
  const list = fixes.length === 1 ? fixes[0] : `${fixes.slice(0, -1).join(', ')}, or ${fixes[fixes.length - 1]}`;
  return `the trust policy has ${size} characters (without whitespace), over the quota of ${role.trustPolicyQuota}; ${list}`;
}

/**
 * A numbered role, or its execution role (`<name>-<n>-CfnExec`), must not take the name of another role
 * (IAM role names are unique ignoring case). A numbered name, ending in `-<n>`, can't equal an execution
 * role name, ending in `-CfnExec`; configured names among themselves are checked when roles are resolved.
 */
function checkNumberedNamesUnique(roles: readonly ResolvedRole[], issues: IssueList): void {
  const plain = new Map(roles.filter((r) => r.splitFrom === undefined).map((r) => [r.name.toLowerCase(), r.name]));
  for (const part of roles.filter((r) => r.splitFrom !== undefined)) {
    const exec = part.samTesting?.executionRoleName;
    const names = [[part.name, `its numbered role ${quote(part.name)}`], ...(exec === undefined ? [] : [[exec, `the execution role ${quote(exec)} of its numbered role ${quote(part.name)}`]])];
    for (const [name, what] of names) {
      const other = plain.get(name.toLowerCase());
      if (other !== undefined) {
        issues.add(['roles', part.splitFrom!], `${what} collides with the role ${quote(other)}: IAM role names are unique ignoring case; rename one of them`);
      }
    }
  }
}
