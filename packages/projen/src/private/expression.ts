/**
 * A string literal in a GitHub Actions expression: single quotes, a `'` inside doubled.
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#literals
 */
export function expressionString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * An expression that is true when `github.ref` is one of these branches (`false` for none), in the form
 * `lockstep check` reads back. Throws for a pattern: `resolve()` refuses them for workflow_dispatch, and
 * the job must never run on a ref whose subject the trust policy doesn't list.
 */
export function refIsOneOf(branches: readonly string[]): string {
  if (branches.length === 0) return 'false';
  return branches
    .map((branch) => {
      if (branch.includes('*')) throw new Error(`workflow_dispatch branch "${branch}" is a pattern; expected an exact branch name`);
      return `github.ref == ${expressionString(`refs/heads/${branch}`)}`;
    })
    .join(' || ');
}
