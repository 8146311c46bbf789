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
