import type { RoleShape } from './role-trust';

/**
 * The fix for repositories whose own subjects make a trust policy too long.
 * @param whom the repositories, as the sentence names them, e.g. `it` or `"app"`
 */
export function fewerSubjectsFix(whom: string): string {
  return `trust fewer subjects for ${whom} (e.g. one environment, or a branch pattern, instead of many branches)`;
}

/**
 * The fix that always exists: a larger quota for the account.
 * @param field where the raised quota is then written, e.g. `trustPolicyQuota` or `roles.ci.trustPolicyQuota`
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html
 */
export function raiseQuotaFix(role: RoleShape, field: string): string {
  return `ask AWS to raise "Role trust policy length" (quota L-C07B4B0D) for account ${role.env?.account ?? '?'} and then set ${field}`;
}
