import { GITHUB_OIDC_HOST, JOB_WORKFLOW_REF_KEY } from '@lockstep/model';

/** What a run's token carries besides `sub` and `aud`, as far as the workflow file and the run tell. */
export interface RunFacts {
  /** `OWNER/REPO`. */
  readonly repo: string;
  /** The repository's numeric id, when the config has it. */
  readonly repoId?: string;
  /** The workflow file's path (any form ending in `.github/workflows/FILE`). */
  readonly workflowFile: string;
  /** The run's `GITHUB_REF`: `refs/heads/…`, `refs/tags/…`, or `refs/pull/N/merge` for a pull request. */
  readonly ref: string;
  /** The token's `job_workflow_ref` when the job is one of a called reusable workflow (the called file at its ref). */
  readonly jobWorkflowRef?: string;
}

const WORKFLOW_PATH = /(?:^|[/\\])(\.github[/\\]workflows[/\\][^/\\]+)$/;

/**
 * The claims AWS STS evaluates that a top-level job's token carries beyond `sub` and `aud` (research 12, F1.1,
 * F3.2, F3.6): `repository`, `ref` (a pull request's is `refs/pull/N/merge`), `repository_id` when known, and
 * `job_workflow_ref`, the job's own workflow file at the run's ref
 * (`OWNER/REPO/.github/workflows/FILE@REF`). A trust policy that binds a role to its workflow file
 * (a `job_workflow_ref` condition) is then evaluated as STS would, not as a missing claim.
 * @see https://docs.github.com/en/actions/reference/security/oidc
 */
export function runClaims(facts: RunFacts): Record<string, string> {
  const claims: Record<string, string> = {
    [`${GITHUB_OIDC_HOST}:repository`]: facts.repo,
    [`${GITHUB_OIDC_HOST}:ref`]: facts.ref,
  };
  if (facts.repoId !== undefined) claims[`${GITHUB_OIDC_HOST}:repository_id`] = facts.repoId;
  const file = WORKFLOW_PATH.exec(facts.workflowFile)?.[1].replace(/\\/g, '/');
  if (facts.jobWorkflowRef !== undefined) claims[JOB_WORKFLOW_REF_KEY] = facts.jobWorkflowRef;
  else if (file !== undefined) claims[JOB_WORKFLOW_REF_KEY] = `${facts.repo}/${file}@${facts.ref}`;
  return claims;
}

/**
 * The `GITHUB_REF` of a run that presents a default-format `sub`: the ref it names, `refs/pull/N/merge` for a
 * pull request (N stands for any number), else (an environment) the default branch.
 */
export function refOfSubject(sub: string, defaultBranch: string): string {
  const ref = /:ref:(refs\/.+)$/.exec(sub);
  if (ref !== null) return ref[1];
  if (/:pull_request$/.test(sub)) return 'refs/pull/N/merge';
  return `refs/heads/${defaultBranch}`;
}
