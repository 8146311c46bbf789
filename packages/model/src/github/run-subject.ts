import type { SubjectFormat } from './subject-prefix';
import { subjectPrefixes, type SubjectOwner } from './subject-prefix';
import { DEFAULT_BRANCH_EVENTS, environmentContext, PULL_REQUEST_CONTEXT, refContext, subjectRule } from './subject-rules';

/** One workflow run, as far as it decides the `sub` claim of a job's token. */
export interface WorkflowRun {
  /** The event that started the run, e.g. `pull_request`, `push`, `workflow_dispatch`. */
  readonly event: string;
  /**
   * The ref the run is on: `refs/heads/B`, `refs/tags/T`, or a bare branch name.
   * @default the default branch (for pull_request it plays no part)
   */
  readonly ref?: string;
  /**
   * The GitHub environment the job references.
   * @default none: the subject follows the event
   */
  readonly environment?: string;
}

/** Options of {@link runSubject}: whose run, and how its subjects are written. */
export interface RunSubjectOptions {
  readonly repository: SubjectOwner;
  /** `both` yields both forms: during a migration GitHub may send either. */
  readonly format: SubjectFormat;
  /** The ref of events that run on the default branch (schedule, repository_dispatch, …). */
  readonly defaultBranch: string;
}

/** The `sub` of a run's token, and which of GitHub's rules chose it. */
export interface RunSubject {
  /** The `sub` value(s): one, or two for the `both` format (legacy first). */
  readonly values: readonly string[];
  /** The rule that decided: environment > pull_request > ref. */
  readonly rule: 'environment' | 'pull_request' | 'ref';
  /** The full ref, for the `ref` rule. */
  readonly ref?: string;
  /** Why GitHub writes this subject, in words for someone who never read a trust policy. */
  readonly why: string;
}

/**
 * The `sub` claim GitHub writes into the OIDC token of a job in one workflow run. Precedence:
 * an environment the job references decides for every event; otherwise a `pull_request` run presents
 * `pull_request` (no branch); otherwise the ref the run is on (the default branch for scheduled and
 * other default-branch events).
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 */
export function runSubject(run: WorkflowRun, options: RunSubjectOptions): RunSubject {
  const prefixes = subjectPrefixes(options.repository, options.format);
  const withContext = (context: string) => prefixes.map((p) => p + context);
  const rule = subjectRule(run.event, run.environment);
  if (rule === 'environment') {
    return {
      values: withContext(environmentContext(run.environment!)),
      rule: 'environment',
      why: `the job references the GitHub environment "${run.environment}", and when a job has an environment GitHub names only the environment in the sub, whatever the event or branch`,
    };
  }
  if (rule === 'pull_request') {
    return {
      values: withContext(PULL_REQUEST_CONTEXT),
      rule: 'pull_request',
      why: 'the run was started by a pull request and the job references no environment, so GitHub writes "pull_request" in the sub instead of a branch name (every pull request of the repository gets this same sub)',
    };
  }
  const runsOnDefault = DEFAULT_BRANCH_EVENTS.includes(run.event);
  const ref = runsOnDefault ? `refs/heads/${options.defaultBranch}` : fullRef(run.ref ?? options.defaultBranch);
  const what = ref.startsWith('refs/tags/') ? `the tag "${ref.slice('refs/tags/'.length)}"` : `the branch "${ref.replace(/^refs\/heads\//, '')}"`;
  const why = runsOnDefault
    ? `a ${run.event} run always runs on the repository's default branch ("${options.defaultBranch}"), and the job references no environment, so GitHub writes that branch in the sub`
    : `the job references no environment and the run was not started by a pull request, so GitHub writes the ref the run is on (${what}) in the sub`;
  return { values: withContext(refContext(ref)), rule, ref, why };
}

/** `main` → `refs/heads/main`; a full ref stays as it is. */
function fullRef(ref: string): string {
  return ref.startsWith('refs/') ? ref : `refs/heads/${ref}`;
}
