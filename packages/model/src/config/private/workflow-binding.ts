import { jobWorkflowRef } from '../../github/job-workflow-ref';
import { REPO_FILES } from '../../github/repo-files';
import type { SubjectContext } from '../../github/subjects';
import type { LockstepConfig } from '../config';
import type { ResolvedCentralWorkflow } from '../resolved-config';
import { repoNameProblem } from './github-names';
import type { IssueList } from './issue-list';
import { quote } from './quote';

/**
 * Validates `github.centralWorkflow` and resolves it. The ref must be a full commit SHA: a tag or a branch
 * can be moved by anyone who can push to the platform repository, and would then move every caller's job
 * (and what the roles trust) without a change in this config.
 */
export function resolveCentralWorkflow(config: LockstepConfig, issues: IssueList): ResolvedCentralWorkflow | undefined {
  const central = config.github.centralWorkflow;
  if (central === undefined) return undefined;
  const at = ['github', 'centralWorkflow'];
  issues.add([...at, 'repo'], repoNameProblem(central.repo));
  if (!/^[0-9a-f]{40}$/.test(central.ref)) {
    issues.add([...at, 'ref'], `${quote(central.ref)} is not a full commit SHA; expected the 40 lowercase hex digits of the platform repository's commit that holds the generated workflow (git rev-parse HEAD), not a tag or branch, which can be moved`);
  }
  const fullName = `${config.github.owner}/${central.repo}`;
  const ref = jobWorkflowRef(fullName, REPO_FILES.centralLambdaTestsWorkflow, central.ref);
  return { repo: central.repo, fullName, ref: central.ref, uses: ref, jobWorkflowRef: ref };
}

/**
 * The generated job's subject contexts with the `job_workflow_ref` values the role requires with them: the
 * central workflow at its pinned commit, or (a role with `bindWorkflow`) the repository's own
 * lambda-tests.yml at each ref its runs have; unchanged otherwise.
 */
export function bindContexts(
  contexts: readonly SubjectContext[],
  binding: { readonly central?: ResolvedCentralWorkflow; readonly bindWorkflow: boolean; readonly fullName: string },
): SubjectContext[] {
  if (binding.central !== undefined) return contexts.map((c) => ({ ...c, workflowRefs: [binding.central!.jobWorkflowRef] }));
  if (!binding.bindWorkflow) return [...contexts];
  return contexts.map((c) => ({
    ...c,
    workflowRefs: (c.runRefs ?? []).map((ref) => jobWorkflowRef(binding.fullName, REPO_FILES.lambdaTestsWorkflow, ref)),
  }));
}
