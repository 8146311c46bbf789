/**
 * The `job_workflow_ref` claim of a job run from `file` of `ownerRepo` at `ref`: `OWNER/REPO/<file>@<ref>`.
 * For a top-level job it is the job's own workflow file at the run's ref (`refs/heads/main`,
 * `refs/pull/N/merge`); for a job of a called reusable workflow it is the called file at the ref of the
 * caller's `uses:` (a commit SHA stays a SHA). AWS STS evaluates it as
 * `token.actions.githubusercontent.com:job_workflow_ref`.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/using-openid-connect-with-reusable-workflows
 * @example jobWorkflowRef('honeyhiveai/platform', '.github/workflows/lockstep-lambda-tests.yml', '0123…') // honeyhiveai/platform/.github/workflows/lockstep-lambda-tests.yml@0123…
 */
export function jobWorkflowRef(ownerRepo: string, file: string, ref: string): string {
  return `${ownerRepo}/${file}@${ref}`;
}
