import type { ResolvedTriggers } from './triggers';
import type { SubjectGrant } from './trust-policy';
import { compareStrings } from '../basics/compare-strings';
import { environmentContext, PULL_REQUEST_CONTEXT, refContext } from './subject-rules';

/**
 * `sub` claims to trust for workflows Lockstep doesn't generate (e.g. existing Terraform pipelines).
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 */
export interface SubjectsConfig {
  /**
   * The written reason for trusting every workflow of the repository (`repo:O/R:*`): any branch, any
   * pull request, any environment. Prefer listing branches or environments.
   * @default no repository-wide grant
   */
  anyRef?: string;
  /**
   * Branches whose workflows are trusted (`repo:O/R:ref:refs/heads/B`); `*` allowed as a glob.
   * @default none
   */
  branches?: string[];
  /**
   * Tags whose workflows are trusted (`repo:O/R:ref:refs/tags/T`); `*` allowed as a glob.
   * @default none
   */
  tags?: string[];
  /**
   * GitHub environments whose jobs are trusted (`repo:O/R:environment:E`).
   * @default none
   */
  environments?: string[];
  /**
   * Trust `pull_request` jobs (`repo:O/R:pull_request`).
   * @default false
   */
  pullRequest?: boolean;
  /**
   * Full `sub` values, e.g. from a custom subject template; each must start with this repository's prefix.
   * @default none
   */
  custom?: string[];
}

/**
 * One `sub` context (the part after `repo:OWNER/REPO:`), or a full custom `sub`, before prefixing.
 * `source` is the config path, relative to the repository, it was derived from (for error messages).
 */
export interface SubjectContext {
  /** E.g. `pull_request`, `ref:refs/heads/main`, `environment:testing`; the full value when `custom`. */
  readonly context: string;
  /** Plain-English why, e.g. `push to main`. */
  readonly reason: string;
  /** The config field it comes from, relative to the repository, e.g. `lambdaTests.on.push.branches`. */
  readonly source: string;
  /** A full `sub` value that takes no prefix (`subjects.custom`). */
  readonly custom?: boolean;
  /**
   * The `GITHUB_REF`s of the generated job's runs that present it (`refs/heads/main`, `refs/pull/*\/merge`),
   * from which a binding to the workflow file is derived; absent for declared subjects.
   */
  readonly runRefs?: readonly string[];
  /** The `job_workflow_ref` values the role requires with it (see {@link SubjectGrant.workflowRefs}). */
  readonly workflowRefs?: readonly string[];
}

/** A branch or tag filter as an IAM pattern: GitHub's `**` and `*` both become IAM's `*` (which also spans `/`). */
const heads = (branch: string) => refContext(`refs/heads/${branch.replace(/\*+/g, '*')}`);
const tags = (tag: string) => refContext(`refs/tags/${tag.replace(/\*+/g, '*')}`);

/**
 * The `sub` contexts a generated lambda-tests job can present. Precedence as GitHub applies it:
 * a job that references an environment presents only `environment:ENV`, whatever the event; otherwise
 * pull_request events present `pull_request`, and every other event the ref it runs on (schedule: the
 * default branch; merge_group: `refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>`, hence a pattern).
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/about-security-hardening-with-openid-connect#example-subject-claims
 */
export function lambdaTestsSubjectContexts(triggers: ResolvedTriggers, environment: string | undefined, defaultBranch: string): SubjectContext[] {
  const on = 'lambdaTests.on';
  const byEvent: SubjectContext[] = [
    ...(triggers.pullRequest ? [{ context: PULL_REQUEST_CONTEXT, reason: 'pull_request events', source: `${on}.pullRequest`, runRefs: [PULL_REQUEST_REF] }] : []),
    ...triggers.pushBranches.map((b) => ({ context: heads(b), reason: `push to ${b}`, source: `${on}.push.branches` })),
    ...triggers.pushTags.map((t) => ({ context: tags(t), reason: `push of tag ${t}`, source: `${on}.push.tags` })),
    ...(triggers.workflowDispatch?.branches ?? []).map((b) => ({ context: heads(b), reason: `workflow_dispatch from ${b}`, source: `${on}.workflowDispatch` })),
    ...(triggers.schedule.length > 0 ? [{ context: heads(defaultBranch), reason: `schedule (runs on ${defaultBranch})`, source: `${on}.schedule` }] : []),
    ...(triggers.mergeGroup?.branches ?? []).map((b) => ({
      context: `${heads(`gh-readonly-queue/${b}`)}/*`,
      reason: `merge_group into ${b}`,
      source: `${on}.mergeGroup`,
    })),
  ].map((c) => ('runRefs' in c ? c : { ...c, runRefs: [c.context.slice('ref:'.length)] }));
  if (environment !== undefined) {
    const runRefs = [...new Set(byEvent.flatMap((c) => c.runRefs ?? []))].sort(compareStrings);
    return [{ context: environmentContext(environment), reason: `environment ${environment}`, source: 'lambdaTests.environment', runRefs }];
  }
  return byEvent;
}

/**
 * The `GITHUB_REF` (and so the end of `job_workflow_ref`) of a pull_request run, `refs/pull/<number>/merge`,
 * as an IAM pattern.
 * @see https://docs.github.com/en/actions/reference/workflows-and-actions/events-that-trigger-workflows#pull_request
 */
export const PULL_REQUEST_REF = 'refs/pull/*/merge';

/**
 * The `sub` contexts of workflows Lockstep doesn't generate, as declared under `subjects`.
 * `anyRef` becomes the repository-wide `*` with its written reason.
 */
export function declaredSubjectContexts(subjects: SubjectsConfig): SubjectContext[] {
  const list = (values: readonly string[] | undefined) => [...new Set(values ?? [])].sort();
  return [
    ...(subjects.anyRef !== undefined ? [{ context: '*', reason: subjects.anyRef, source: 'subjects.anyRef' }] : []),
    ...(subjects.pullRequest === true ? [{ context: PULL_REQUEST_CONTEXT, reason: 'pull_request events', source: 'subjects.pullRequest' }] : []),
    ...list(subjects.branches).map((b) => ({ context: heads(b), reason: `workflows on branch ${b}`, source: 'subjects.branches' })),
    ...list(subjects.tags).map((t) => ({ context: tags(t), reason: `workflows on tag ${t}`, source: 'subjects.tags' })),
    ...list(subjects.environments).map((e) => ({
      context: environmentContext(e),
      reason: `environment ${e}`,
      source: 'subjects.environments',
    })),
    ...list(subjects.custom).map((c) => ({ context: c, reason: 'custom subject', source: 'subjects.custom', custom: true })),
  ];
}

/**
 * Whether IAM must compare a `sub` value with `StringLike`: it holds a wildcard (`*`, or `?`, which
 * the checks refuse). Everything else is compared exactly, with `StringEquals`.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_String
 */
export function subjectOperator(value: string): SubjectGrant['operator'] {
  return /[*?]/.test(value) ? 'StringLike' : 'StringEquals';
}

/**
 * The grants of one repository: every context under every prefix; one grant per value, the reasons of
 * equal values joined (`push to main; workflow_dispatch from main`), sorted by value.
 */
export function subjectGrants(repo: string, prefixes: readonly string[], contexts: readonly SubjectContext[]): SubjectGrant[] {
  const reasons = new Map<string, string[]>();
  // A value is bound to workflow refs only while every context that grants it is: an unbound one (a
  // declared subject for the repository's other workflows) admits any workflow file anyway.
  const refs = new Map<string, Set<string> | null>();
  for (const { context, reason, custom, workflowRefs } of contexts) {
    for (const value of custom ? [context] : prefixes.map((p) => p + context)) {
      const list = reasons.get(value) ?? [];
      if (!list.includes(reason)) list.push(reason);
      reasons.set(value, list);
      const bound = refs.get(value);
      if (workflowRefs === undefined || bound === null) refs.set(value, null);
      else refs.set(value, new Set([...(bound ?? []), ...workflowRefs]));
    }
  }
  return [...reasons.entries()]
    .sort(([a], [b]) => compareStrings(a, b))
    .map(([value, why]) => {
      const bound = refs.get(value);
      return {
        value, operator: subjectOperator(value), repo, reason: why.join('; '),
        ...(bound ? { workflowRefs: [...bound].sort(compareStrings) } : {}),
      };
    });
}
