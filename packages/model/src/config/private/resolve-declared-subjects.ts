import type { SubjectsConfig } from '../../github/subjects';
import { declaredSubjectContexts, SubjectContext } from '../../github/subjects';
import { checkRefs } from './git-ref-name';
import type { IssueList } from './issue-list';
import { quote, quoteList } from './quote';

/**
 * Validates a repository's `subjects` (for workflows Lockstep doesn't generate) and returns their contexts.
 * @param prefixes the repository's own `sub` prefixes: every custom value must start with one of them;
 *   undefined when they are unknown (an id or the owner was refused), and custom values go unchecked
 * @param at the config path of `subjects`
 */
export function resolveDeclaredSubjects(
  subjects: SubjectsConfig,
  prefixes: readonly string[] | undefined,
  at: readonly PropertyKey[],
  issues: IssueList,
): SubjectContext[] {
  if (subjects.anyRef !== undefined && subjects.anyRef.trim() === '') {
    issues.add([...at, 'anyRef'], `${quote(subjects.anyRef)} is empty; a repository-wide grant ("repo:OWNER/REPO:*") needs its reason written down, e.g. "existing Terraform workflows in deployments"; or list branches and environments instead`);
  }
  checkRefs(subjects.branches, 'branch', [...at, 'branches'], issues);
  checkRefs(subjects.tags, 'tag', [...at, 'tags'], issues);
  subjects.environments?.forEach((env, i) => {
    // eslint-disable-next-line no-control-regex
    if (env.trim() === '' || env.length > 255 || /[\x00-\x1f\x7f]/.test(env) || env !== env.trim()) {
      issues.add([...at, 'environments', i], `${quote(env)} is not a GitHub environment name; expected 1–255 characters without control characters or surrounding spaces`);
    }
  });
  subjects.custom?.forEach((value, i) => {
    if (prefixes === undefined || prefixes.some((p) => value.startsWith(p))) return;
    const caseOnly = prefixes.some((p) => value.toLowerCase().startsWith(p.toLowerCase()));
    issues.add([...at, 'custom', i], caseOnly
      ? `${quote(value)} differs from this repository's prefix only in case, and IAM compares subjects case-sensitively; expected it to start with one of ${quoteList(prefixes)}`
      : `${quote(value)} does not belong to this repository; expected a value starting with one of ${quoteList(prefixes)} (map other repositories under their own name)`);
  });
  const contexts = declaredSubjectContexts(subjects);
  if (contexts.length === 0 && !issues.refusedWithin(at)) {
    issues.add(at, 'declares no subject; expected at least one of anyRef, branches, tags, environments, pullRequest: true or custom, or remove subjects');
  }
  return contexts;
}
