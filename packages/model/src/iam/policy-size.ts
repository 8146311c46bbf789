import type { PolicyDocument } from './policy-document';

/**
 * IAM's default quota for a role trust policy, in characters without whitespace; raisable through Service Quotas
 * (quota code L-C07B4B0D).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
 */
export const DEFAULT_TRUST_POLICY_QUOTA = 2048;

/**
 * The size IAM charges a trust policy against its quota: the characters of its JSON without whitespace.
 *
 * Whitespace inside strings is not counted either, which matches IAM's published rule ("IAM does not count
 * white space"); no GitHub subject contains whitespace.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
 */
export function trustPolicySize(policy: PolicyDocument): number {
  return JSON.stringify(policy).replace(/\s/g, '').length;
}
