/**
 * The numeric limits of AWS and GitHub that the config is checked against, in one place.
 */
export const LIMITS = {
  /** IAM MaxSessionDuration, seconds. @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html */
  roleSession: { min: 3600, max: 43200 },
  /** STS DurationSeconds: the shortest session. @see https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html */
  minJobSession: 900,
  /** The most AWS grants for "Role trust policy length" (L-C07B4B0D). @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html */
  maxTrustPolicyQuota: 4096,
  /** A job's longest run on GitHub-hosted runners, minutes. @see https://docs.github.com/en/actions/administering-github-actions/usage-limits-billing-and-administration#usage-limits */
  maxJobMinutes: 360,
  /**
   * The shortest lambda-tests job, minutes: the generated steps' timeouts keep 10 minutes for `sam delete`
   * and a few for each set-up step, so the deploy and the tests get at least two minutes each.
   */
  minLambdaTestsMinutes: 30,
} as const;
