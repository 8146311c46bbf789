import { roleLogicalId } from '../logical-id';
import type { ResolvedRepo, ResolvedRole } from '../resolved-config';
import { roleArn } from '../../iam/arn';
import { samTestingNames } from '../sam-testing-names';
import { byName } from '../../basics/compare-strings';
import type { IssueList } from './issue-list';
import { quote } from './quote';
import { roleNameLimit } from './resolve-roles';
import { completeRole, RoleShape, trustSizeWith } from './role-trust';
import { fewerSubjectsFix, raiseQuotaFix } from './trust-quota-fixes';

/**
 * Spreads the repositories of a role whose trust policy would pass its quota over numbered roles
 * `<name>-1`, `<name>-2`, …, each a copy of the role trusting whole repositories only (a job assumes one
 * role, so one repository's subjects are never divided).
 *
 * Repositories are taken in name order and fill role 1 until the next one wouldn't fit, then role 2, and
 * so on. The result depends only on the names and subjects, never on the config's order; each numbered
 * role holds an alphabetical range, so a repository that sorts last never moves another. The price: a
 * change early in the alphabet can push the repositories after it to the next role, and a range may
 * leave room that a later, smaller repository could have used.
 *
 * Reports a repository whose subjects alone pass the quota (it still gets a numbered role of its own, so
 * that the other problems show), and numbered names that IAM would refuse as too long.
 * @param repos the role's repositories, at least one, in any order
 */
export function splitRole(role: RoleShape, repos: readonly ResolvedRepo[], issues: IssueList): ResolvedRole[] {
  const quota = role.trustPolicyQuota;
  const groups: ResolvedRepo[][] = [];
  let current: ResolvedRepo[] = [];
  for (const repo of [...repos].sort(byName)) {
    const alone = trustSizeWith(role, [repo]);
    if (alone > quota) {
      issues.add(['repos', repo.name],
        `its subjects alone give role ${quote(role.name)} a trust policy of ${alone} characters (without whitespace), over the quota of ${quota}, `
        + `and splitWhenOverQuota never divides one repository's subjects (a job assumes one role); ${fewerSubjectsFix('it')}, or ${raiseQuotaFix(role, `roles.${role.name}.trustPolicyQuota`)}`);
    }
    if (current.length > 0 && trustSizeWith(role, [...current, repo]) > quota) {
      groups.push(current);
      current = [];
    }
    current.push(repo);
  }
  groups.push(current);

  checkNumberedNames(role, groups.length, issues);
  return groups.map((group, i) => completeRole(numberedRole(role, i + 1), group));
}

/** Role `n` of a split: the same role under the name `<name>-n`, with the ARN, logical id and SAM names of that name. */
function numberedRole(role: RoleShape, n: number): RoleShape {
  const name = `${role.name}-${n}`;
  const partition = role.env?.partition ?? 'aws';
  const account = role.env?.account ?? '000000000000';
  return {
    ...role,
    name,
    arn: roleArn(partition, account, role.path, name),
    logicalId: roleLogicalId(name),
    samTesting: role.samTesting === undefined ? undefined
      : samTestingNames({ roleName: name, path: role.path, partition, account, artifactBucket: role.samTesting.artifactBucket }),
    splitFrom: role.name,
  };
}

/**
 * IAM refuses a role name over 64 characters (56 for a `sam-lambda-testing` role, whose execution role
 * adds `-CfnExec`); the longest numbered name is the last one. A configured name that is too long
 * already is reported on its own.
 */
function checkNumberedNames(role: RoleShape, count: number, issues: IssueList): void {
  const limit = roleNameLimit(role.name, role.permissions);
  const longest = `${role.name}-${count}`;
  if (role.name.length > limit.max || longest.length <= limit.max) return;
  const why = roleNameLimit(longest, role.permissions).why;
  issues.add(['roles', role.name],
    `its trust policy is split over ${count} numbered roles, and the name of the last, ${quote(longest)}, has ${longest.length} characters; `
    + `expected at most ${limit.max}${why}; shorten the role name to at most ${limit.max - (longest.length - role.name.length)} characters`);
}
