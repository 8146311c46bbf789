import type { ResolvedRepo, ResolvedRole } from '../resolved-config';
import { byName } from './compare-strings';
import type { IssueList } from './issue-list';
import { quote } from './quote';
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
 * picture shows: a role no repository uses (left out), and a trust policy over its quota — refused, or split over
 * numbered roles when the role opts in with `splitWhenOverQuota`.
 */
export function finishRoles(roles: Map<string, RoleDraft>, repos: readonly ResolvedRepo[], issues: IssueList): FinishedRoles {
  const finished: ResolvedRole[] = [];
  const numberedRoleOf = new Map<string, ResolvedRole>();
  const unusedRoles: string[] = [];
  for (const { splitWhenOverQuota, ...role } of roles.values()) {
    const mine = repos.filter((r) => r.role === role.name);
    const whole = completeRole(role, mine);
    const overQuota = mine.length > 0 && whole.trustPolicySize > role.trustPolicyQuota;
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
    if (overQuota) issues.add(['roles', role.name], overQuotaMessage(role, mine, whole.trustPolicySize));
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

/** A numbered role must not take the name of another role (IAM role names are unique ignoring case). */
function checkNumberedNamesUnique(roles: readonly ResolvedRole[], issues: IssueList): void {
  const plain = new Map(roles.filter((r) => r.splitFrom === undefined).map((r) => [r.name.toLowerCase(), r.name]));
  for (const part of roles) {
    const other = part.splitFrom === undefined ? undefined : plain.get(part.name.toLowerCase());
    if (other !== undefined) {
      issues.add(['roles', part.splitFrom!], `its numbered role ${quote(part.name)} collides with the role ${quote(other)}: IAM role names are unique ignoring case; rename one of them`);
    }
  }
}
