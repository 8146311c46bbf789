import { inspectSubject, SubjectFinding } from '../../github/subject-pattern';
import { SubjectContext, subjectOperator } from '../../github/subjects';
import type { IssueList } from './issue-list';

/**
 * Findings of {@link inspectSubject} that the config refuses although they are only warnings on a trust
 * policy found in the wild: a config has no reason to keep `?` or a wildcard across ref kinds.
 */
const REFUSED_WARNINGS = new Set(['question-mark', 'wildcard-across-ref-kinds']);

/**
 * Runs the subject checks on every value a repository's contexts produce, and reports the refused ones at
 * the config field each came from. A repository-wide subject is allowed only through `subjects.anyRef`,
 * where its reason is written down.
 * @param at the config path of the repository
 */
export function checkSubjects(contexts: readonly SubjectContext[], prefixes: readonly string[], at: readonly PropertyKey[], issues: IssueList): void {
  const reported = new Set<string>();
  for (const context of contexts) {
    for (const value of context.custom ? [context.context] : prefixes.map((p) => p + context.context)) {
      for (const finding of inspectSubject(value, subjectOperator(value))) {
        const message = refusal(finding, context);
        const key = `${context.source}\n${message}`;
        if (message === undefined || reported.has(key)) continue;
        reported.add(key);
        issues.add([...at, ...context.source.split('.')], message);
      }
    }
  }
}

function refusal(finding: SubjectFinding, context: SubjectContext): string | undefined {
  if (finding.code === 'repo-wide-sub') {
    return context.source === 'subjects.anyRef' ? undefined : `${finding.message}; or, if every workflow of the repository really needs the role, write the reason in subjects.anyRef`;
  }
  return finding.severity === 'error' || REFUSED_WARNINGS.has(finding.code) ? finding.message : undefined;
}
