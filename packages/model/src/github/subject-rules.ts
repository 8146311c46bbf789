import { encodeSubjectPart } from './subject-prefix';

/**
 * GitHub's precedence for the context of a job's `sub`: an environment the job references decides for
 * every event; otherwise a `pull_request` run presents `pull_request`; otherwise the ref the run is on.
 * Generation (`lambdaTestsSubjectContexts`), `check` (`workflowJobSubjects`) and `explain` (`runSubject`)
 * all derive subjects through this module, so the three cannot disagree.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 */
export type SubjectRule = 'environment' | 'pull_request' | 'ref';

/**
 * Events whose runs take the default branch as their ref, whatever branch was involved. The last three
 * are also refused for a job with a role (they can be started from outside the repository).
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows
 */
export const DEFAULT_BRANCH_EVENTS: readonly string[] = ['schedule', 'repository_dispatch', 'workflow_run', 'issue_comment', 'pull_request_target'];

/** The rule that decides the `sub` of a job in a run of `event`, with or without an environment. */
export function subjectRule(event: string, environment: string | undefined): SubjectRule {
  if (environment !== undefined) return 'environment';
  return event === 'pull_request' ? 'pull_request' : 'ref';
}

/** `environment:<name>` with `:` written `%3A`, as GitHub writes it. */
export function environmentContext(environment: string): string {
  return `environment:${encodeSubjectPart(environment)}`;
}

/** The context of a `pull_request` run without environment: no branch in it. */
export const PULL_REQUEST_CONTEXT = 'pull_request';

/** `ref:<full ref>`, e.g. `ref:refs/heads/main`; `*` stays a pattern. */
export function refContext(fullRef: string): string {
  return `ref:${encodeSubjectPart(fullRef)}`;
}
