import { trustPolicySize } from '../policy-size';
import type { ResolvedRepo, ResolvedRole } from '../resolved-config';
import { trustPolicy } from '../trust-policy';
import { compareStrings } from './compare-strings';
import type { IssueList } from './issue-list';
import type { RoleDraft } from './resolve-roles';

/**
 * Completes each role with its repositories, subjects and trust policy, and checks what only the whole
 * picture shows: a role no repository uses, and a trust policy over its quota.
 */
export function finishRoles(roles: Map<string, RoleDraft>, repos: readonly ResolvedRepo[], issues: IssueList): ResolvedRole[] {
  return [...roles.values()].map(({ env, ...role }) => {
    const mine = repos.filter((r) => r.role === role.name);
    const subjects = mine.flatMap((r) => r.subjects).sort((a, b) => compareStrings(a.value, b.value));
    const policy = trustPolicy({ providerArn: env?.provider.arn ?? '', audience: env?.audience ?? '', subjects });
    const size = trustPolicySize(policy);
    const at = ['roles', role.name];
    if (mine.length === 0) {
      // IAM refuses a GitHub trust policy without a `sub` condition, so there is nothing valid to deploy.
      issues.add(at, `no repository is mapped to this role, so its trust policy would admit no subject (IAM refuses that); remove the role, or map a repository to it with repos.NAME.role: "${role.name}"`);
    } else if (size > role.trustPolicyQuota) {
      issues.add(at, `the trust policy has ${size} characters (without whitespace), over the quota of ${role.trustPolicyQuota}; move repositories to another role, or ask AWS to raise "Role trust policy length" (quota L-C07B4B0D) for account ${env?.account ?? '?'} and then set trustPolicyQuota`);
    }
    return { ...role, repos: mine.map((r) => r.name).sort(), subjects, trustPolicy: policy, trustPolicySize: size };
  });
}
