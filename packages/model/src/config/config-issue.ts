/**
 * One problem in a Lockstep config: where, and what to do about it.
 * @example { path: 'repos.python-sdk.lambdaTests.environment', message: '"prod" is not a configured environment; expected one of "testing"' }
 */
export interface ConfigIssue {
  /** The path the person wrote, dot-separated, list items in brackets: `repos.python-sdk.lambdaTests.on.push.branches[0]`. */
  readonly path: string;
  /** Lowercase sentence: the value quoted, what was expected, and the fix when there is one. */
  readonly message: string;
}

/** One issue per line, `path: message`, in the order given. */
export function formatIssues(issues: readonly ConfigIssue[]): string {
  return issues.map((issue) => (issue.path === '' ? issue.message : `${issue.path}: ${issue.message}`)).join('\n');
}
