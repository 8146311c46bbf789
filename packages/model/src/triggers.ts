import type { BranchFilter, TriggersConfig } from './config';
import type { ResolvedTriggers } from './resolved-config';

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
