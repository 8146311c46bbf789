import { trustPolicySize } from '../../iam/policy-size';
import type { ResolvedRepo, ResolvedRole } from '../resolved-config';
import { trustPolicy } from '../../github/trust-policy';
import { compareStrings } from '../../basics/compare-strings';
import type { RoleDraft } from './resolve-roles';

/** A role draft without the config's opt-in: everything a finished role is made from except its repositories. */
export type RoleShape = Omit<RoleDraft, 'splitWhenOverQuota'>;

/**
 * The role trusting exactly these repositories: their subjects sorted by value, the trust policy that
 * admits them, and its size as IAM counts it.
 */
export function completeRole({ env, ...role }: RoleShape, repos: readonly ResolvedRepo[]): ResolvedRole {
  const subjects = repos.flatMap((r) => r.subjects).sort((a, b) => compareStrings(a.value, b.value));
  const policy = trustPolicy({ providerArn: env?.provider.arn ?? '', audience: env?.audience ?? '', subjects });
  return {
    ...role,
    repos: repos.map((r) => r.name).sort(compareStrings),
    subjects,
    trustPolicy: policy,
    trustPolicySize: trustPolicySize(policy),
  };
}

/** The size (characters without whitespace) of the trust policy of `role` if it trusted exactly `repos`. */
export function trustSizeWith(role: RoleShape, repos: readonly ResolvedRepo[]): number {
  return completeRole(role, repos).trustPolicySize;
}
