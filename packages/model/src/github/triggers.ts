
/** A trigger that is either on for the given branches, or simply on (`true`). */
export type BranchFilter = boolean | { branches: string[] };

/**
 * The events that start the generated lambda-tests workflow. Each one decides the `sub` claim of the job
 * (unless the job references an environment), so each one widens the trust policy.
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows
 */
export interface TriggersConfig {
  /**
   * `pull_request` (optionally only into these base branches). The job's `sub` is `repo:O/R:pull_request`,
   * whatever the branch. Fork pull requests of public repositories get no OIDC token.
   * @default not triggered by pull requests
   */
  pullRequest?: BranchFilter;
  /**
   * `push` of these branches and/or tags (`*` allowed as a glob; the subject becomes a pattern).
   * @default not triggered by pushes
   */
  push?: { branches?: string[]; tags?: string[] };
  /**
   * `workflow_dispatch` (manual runs), allowed only from these branches; `true` means the default branch.
   * @default not runnable by hand
   */
  workflowDispatch?: BranchFilter;
  /**
   * `schedule` cron expressions (5 fields, UTC); scheduled runs use the default branch.
   * @default not scheduled
   * @see https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows#schedule
   */
  schedule?: string[];
  /**
   * `merge_group` (merge queue) into these base branches; `true` means the default branch. The job's ref
   * is `refs/heads/gh-readonly-queue/<base>/pr-<N>-<sha>`, so the subject is a pattern.
   * @default not run in a merge queue
   */
  mergeGroup?: BranchFilter;
  /** Refused: runs in the default branch's context and can be triggered by outsiders; never give it a role. */
  pullRequestTarget?: never;
  /** Refused: runs in the default branch's context and can be triggered by outsiders; never give it a role. */
  workflowRun?: never;
  /** Refused: runs in the default branch's context and can be triggered by outsiders; never give it a role. */
  issueComment?: never;
}

/** Triggers of a generated lambda-tests workflow, normalized. */
export interface ResolvedTriggers {
  /** `pull_request` into these branches (empty: any branch). Undefined: not triggered by pull requests. */
  readonly pullRequest?: { readonly branches: readonly string[] };
  /** `push` to these branches. Empty: not triggered by branch pushes. */
  readonly pushBranches: readonly string[];
  /** `push` of these tags (patterns allowed). Empty: none. */
  readonly pushTags: readonly string[];
  /** `workflow_dispatch`, allowed only from these branches (the job's `if:` enforces it). Undefined: none. */
  readonly workflowDispatch?: { readonly branches: readonly string[] };
  /** `schedule` cron expressions; they run on the default branch. Empty: none. */
  readonly schedule: readonly string[];
  /** `merge_group` (merge queue) into these base branches. Undefined: none. */
  readonly mergeGroup?: { readonly branches: readonly string[] };
}

/**
 * Normalizes the `on:` of a lambda-tests config: `true` becomes the default branch where GitHub would
 * run on it (workflow_dispatch, merge_group) and "any branch" for pull_request; lists are sorted and
 * deduplicated (their order carries no meaning, and the output must not depend on it).
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-when-your-workflow-runs/events-that-trigger-workflows
 */
export function resolveTriggers(on: TriggersConfig, defaultBranch: string): ResolvedTriggers {
  const filter = (value: BranchFilter | undefined, whenTrue: string[]) =>
    value === undefined || value === false ? undefined : { branches: sorted(value === true ? whenTrue : value.branches) };
  return {
    pullRequest: filter(on.pullRequest, []),
    pushBranches: sorted(on.push?.branches ?? []),
    pushTags: sorted(on.push?.tags ?? []),
    workflowDispatch: filter(on.workflowDispatch, [defaultBranch]),
    schedule: sorted(on.schedule ?? []),
    mergeGroup: filter(on.mergeGroup, [defaultBranch]),
  };
}

function sorted(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}
