import type { IssueList } from './issue-list';
import { quote } from './quote';

/**
 * Why git would refuse a branch or tag name (the rules of `git check-ref-format --branch`), or undefined.
 * `*` is allowed as a glob (GitHub filter syntax, `**` too); it makes the subject a pattern, which the
 * subject checks then inspect.
 * @see https://git-scm.com/docs/git-check-ref-format
 * @see https://docs.github.com/en/actions/writing-workflows/workflow-syntax-for-github-actions#filter-pattern-cheat-sheet
 */
export function refNameProblem(name: string, kind: 'branch' | 'tag'): string | undefined {
  const refuse = (why: string) => `${quote(name)} is not a valid ${kind} name: ${why}`;
  if (name === '') return refuse('it is empty');
  if (name.startsWith('refs/')) return `${quote(name)} is a full ref; write just the ${kind} name: ${quote(name.replace(/^refs\/(heads|tags)\//, ''))}`;
  if (name.startsWith('!')) return refuse('a leading "!" is a negative filter, which cannot become a trusted subject; list the names that should run');
  // eslint-disable-next-line no-control-regex
  if (/[\x00-\x20\x7f]/.test(name)) return refuse('it contains a space or a control character');
  const bad = /[~^:?[\\]/.exec(name);
  if (bad) return refuse(`it contains ${quote(bad[0])}, which git refuses in ref names`);
  if (name.includes('..')) return refuse('it contains ".."');
  if (name.includes('@{')) return refuse('it contains "@{"');
  if (name === '@') return refuse('"@" alone is not a ref name');
  if (name.startsWith('-')) return refuse('it starts with "-"');
  if (name.startsWith('/') || name.endsWith('/') || name.includes('//')) return refuse('it starts or ends with "/" or contains "//"');
  if (name.endsWith('.')) return refuse('it ends with "."');
  if (name.split('/').some((part) => part.startsWith('.') || part.endsWith('.lock'))) {
    return refuse('a "/"-separated part starts with "." or ends with ".lock"');
  }
  return undefined;
}

/** {@link refNameProblem} for each name of a list, reported at `at[i]`. */
export function checkRefs(names: readonly string[] | undefined, kind: 'branch' | 'tag', at: readonly PropertyKey[], issues: IssueList): void {
  names?.forEach((name, i) => issues.add([...at, i], refNameProblem(name, kind)));
}
