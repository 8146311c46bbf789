/**
 * The job's guard for manual runs, written by the generator and read back by `check`: one module, so the
 * form the generator writes is always a form the reader recognizes (test/github/dispatch-guard.test.ts
 * round-trips them).
 */

/**
 * A string literal in a GitHub Actions expression: single quotes, a `'` inside doubled.
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions#literals
 */
export function expressionString(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/**
 * The `if:` part that lets `workflow_dispatch` runs through only from these branches (any other event
 * passes), in the form {@link dispatchBranches} reads back. Throws for a pattern: `resolve()` refuses
 * them, and the job must never run on a ref whose subject the trust policy doesn't list.
 */
export function dispatchGuard(branches: readonly string[]): string {
  const refs = branches.map((branch) => {
    if (branch.includes('*')) throw new Error(`workflow_dispatch branch "${branch}" is a pattern; expected an exact branch name`);
    return `github.ref == ${expressionString(`refs/heads/${branch}`)}`;
  });
  return `github.event_name != 'workflow_dispatch' || ${refs.length === 0 ? 'false' : refs.join(' || ')}`;
}

/** The branches an expression lets through, or `any` when it does not restrict them (or is not understood). */
type Bound = ReadonlySet<string> | 'any';

/**
 * The branches a `workflow_dispatch` run can pass a job's `if:` from, or `undefined` when the expression
 * does not restrict them in a form recognized here (`github.ref == 'refs/heads/B'`, `github.ref_name == 'B'`,
 * `startsWith(github.ref, 'refs/heads/P')`, `github.event_name` comparisons, joined by `||`, `&&` and
 * parentheses). Sound by construction: an unrecognized part of a disjunction leaves the whole unrestricted;
 * in a conjunction each recognized restriction narrows.
 * @see https://docs.github.com/en/actions/writing-workflows/choosing-what-your-workflow-does/evaluate-expressions-in-workflows-and-actions
 */
export function dispatchBranches(condition: unknown): string[] | undefined {
  if (typeof condition !== 'string') return undefined;
  let expr = condition.trim();
  const wrapped = /^\$\{\{([\s\S]*)\}\}$/.exec(expr);
  if (wrapped) expr = wrapped[1].trim();
  // The reader recurses once per group: a deeper expression is not one it recognizes (sound: unrestricted).
  if (groupDepth(expr) > MAX_GROUP_DEPTH) return undefined;
  const bound = boundOf(expr);
  return bound === 'any' ? undefined : [...bound].sort();
}

/** Parentheses nested in an `if:` the reader follows; the generator writes none, a person a few. */
export const MAX_GROUP_DEPTH = 32;

/** The deepest nesting of parentheses outside string literals. */
function groupDepth(e: string): number {
  let depth = 0;
  let max = 0;
  for (let i = 0; i < e.length; i++) {
    if (e[i] === "'") {
      const end = e.indexOf("'", i + 1);
      if (end === -1) break;
      i = end;
    } else if (e[i] === '(') {
      max = Math.max(max, ++depth);
    } else if (e[i] === ')') {
      depth--;
    }
  }
  return max;
}

function boundOf(expr: string): Bound {
  const e = stripParens(expr.trim());
  const ors = splitTopLevel(e, '||');
  if (ors === undefined) return 'any';
  if (ors.length > 1) {
    const union = new Set<string>();
    for (const part of ors) {
      const b = boundOf(part);
      if (b === 'any') return 'any';
      b.forEach((x) => union.add(x));
    }
    return union;
  }
  const ands = splitTopLevel(e, '&&');
  if (ands === undefined) return 'any';
  if (ands.length > 1) {
    let result: Bound = 'any';
    for (const part of ands) {
      const b = boundOf(part);
      if (b === 'any') continue;
      const narrowed: ReadonlySet<string> = result === 'any' ? b : new Set([...result].filter((x) => b.has(x)));
      result = narrowed;
    }
    return result;
  }
  return atomBound(e);
}

const STRING = String.raw`'((?:[^']|'')*)'`;
const EVENT_NAME = new RegExp(String.raw`^github\.event_name\s*(==|!=)\s*${STRING}$|^${STRING}\s*(==|!=)\s*github\.event_name$`, 'i');
const REF = new RegExp(String.raw`^github\.ref\s*==\s*${STRING}$|^${STRING}\s*==\s*github\.ref$`, 'i');
const REF_NAME = new RegExp(String.raw`^github\.ref_name\s*==\s*${STRING}$|^${STRING}\s*==\s*github\.ref_name$`, 'i');
const STARTS_WITH = new RegExp(String.raw`^startsWith\(\s*github\.ref\s*,\s*${STRING}\s*\)$`, 'i');

function atomBound(atom: string): Bound {
  const unquote = (s: string) => s.replace(/''/g, "'");
  let m = EVENT_NAME.exec(atom);
  if (m) {
    const op = m[1] ?? m[4];
    const isDispatch = unquote(m[2] ?? m[3]).toLowerCase() === 'workflow_dispatch';
    // For a workflow_dispatch run, `== 'workflow_dispatch'` holds and `!= 'workflow_dispatch'` fails.
    return (op === '==') === isDispatch ? 'any' : new Set();
  }
  m = REF.exec(atom);
  if (m) {
    const ref = unquote(m[1] ?? m[2]);
    return ref.startsWith('refs/heads/') ? new Set([ref.slice('refs/heads/'.length)]) : new Set();
  }
  m = REF_NAME.exec(atom);
  if (m) return new Set([unquote(m[1] ?? m[2])]);
  m = STARTS_WITH.exec(atom);
  if (m) {
    const prefix = unquote(m[1]);
    return prefix.startsWith('refs/heads/') ? new Set([`${prefix.slice('refs/heads/'.length)}*`]) : 'any';
  }
  if (/^false$/i.test(atom)) return new Set();
  return 'any';
}

/** `(a || b)` → `a || b`, only when the first parenthesis closes at the very end. */
function stripParens(e: string): string {
  while (e.startsWith('(') && closingParen(e, 0) === e.length - 1) e = e.slice(1, -1).trim();
  return e;
}

/** Index of the parenthesis that closes the one at `open`, skipping string literals; -1 if none. */
function closingParen(e: string, open: number): number {
  let depth = 0;
  for (let i = open; i < e.length; i++) {
    if (e[i] === "'") {
      const end = e.indexOf("'", i + 1);
      if (end === -1) return -1;
      i = end;
    } else if (e[i] === '(') {
      depth++;
    } else if (e[i] === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** Splits at `op` outside parentheses and string literals; `undefined` when they are unbalanced. */
function splitTopLevel(e: string, op: '||' | '&&'): string[] | undefined {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < e.length; i++) {
    const c = e[i];
    if (c === "'") {
      // An escaped quote ('') reads as the end of one literal and the start of the next: same result.
      const end = e.indexOf("'", i + 1);
      if (end === -1) return undefined;
      i = end;
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth < 0) return undefined;
    } else if (depth === 0 && e.startsWith(op, i)) {
      parts.push(e.slice(start, i).trim());
      start = i + op.length;
      i += op.length - 1;
    }
  }
  if (depth !== 0) return undefined;
  parts.push(e.slice(start).trim());
  return parts;
}
