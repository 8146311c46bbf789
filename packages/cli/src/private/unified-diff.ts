/** The names a file has on each side of a diff: `a/PATH` / `b/PATH`, `/dev/null` for a side that doesn't exist. */
export interface DiffNames {
  readonly old: string;
  readonly new: string;
}

/** One line operation of an edit script, with the 0-based positions in the old and new text before it. */
interface Edit {
  readonly kind: 'equal' | 'delete' | 'insert';
  readonly oldIndex: number;
  readonly newIndex: number;
  readonly line: string;
}

/** Lines of context around each change, as `diff -u` and `git diff` print. */
const CONTEXT = 3;
/**
 * Myers' search keeps one copy of its frontier per edit distance; past this many stored entries (two large
 * files with little in common) the diff falls back to "delete everything, insert everything": still a
 * correct diff, just not a minimal one.
 */
const TRACE_BUDGET = 4_000_000;

/**
 * A unified diff of two texts, line by line (Myers' algorithm), in the format `git apply` and `patch -p1`
 * read: `--- a/PATH`, `+++ b/PATH`, `@@ -l,s +l,s @@` hunks with three lines of context, and
 * `\ No newline at end of file` where a side ends without one. Empty when the texts are equal.
 *
 * Written here rather than taken from the `diff` package, which the CLI doesn't depend on (it is only
 * installed transitively).
 *
 * @see https://www.gnu.org/software/diffutils/manual/html_node/Detailed-Unified.html
 */
export function unifiedDiff(oldText: string, newText: string, names: DiffNames): string {
  if (oldText === newText) return '';
  const edits = diffLines(splitLines(oldText), splitLines(newText));
  const out = [`--- ${names.old}`, `+++ ${names.new}`];
  for (const hunk of hunks(edits)) {
    const first = hunk[0];
    const oldCount = hunk.filter((e) => e.kind !== 'insert').length;
    const newCount = hunk.filter((e) => e.kind !== 'delete').length;
    out.push(`@@ -${range(first.oldIndex, oldCount)} +${range(first.newIndex, newCount)} @@`);
    for (const e of hunk) {
      const sign = e.kind === 'equal' ? ' ' : e.kind === 'delete' ? '-' : '+';
      out.push(`${sign}${e.line.endsWith('\n') ? e.line.slice(0, -1) : e.line}`);
      if (!e.line.endsWith('\n')) out.push('\\ No newline at end of file');
    }
  }
  return `${out.join('\n')}\n`;
}

/** The lines of a text, each with its `\n` (the last one may lack it): "a" and "a\n" then differ, as they should. */
function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** `start,count` of a hunk side: 1-based, or the line before it when the side is empty; `,1` left out. */
function range(index: number, count: number): string {
  const start = count === 0 ? index : index + 1;
  return count === 1 ? `${start}` : `${start},${count}`;
}

/** The shortest edit script turning `a` into `b`, after trimming the common prefix and suffix. */
function diffLines(a: readonly string[], b: readonly string[]): Edit[] {
  let prefix = 0;
  while (prefix < a.length && prefix < b.length && a[prefix] === b[prefix]) prefix++;
  let suffix = 0;
  while (suffix < a.length - prefix && suffix < b.length - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
  const midA = a.slice(prefix, a.length - suffix);
  const midB = b.slice(prefix, b.length - suffix);

  const edits: Edit[] = [];
  for (let i = 0; i < prefix; i++) edits.push({ kind: 'equal', oldIndex: i, newIndex: i, line: a[i] });
  for (const e of myers(midA, midB)) edits.push({ ...e, oldIndex: e.oldIndex + prefix, newIndex: e.newIndex + prefix });
  for (let i = 0; i < suffix; i++) {
    edits.push({ kind: 'equal', oldIndex: a.length - suffix + i, newIndex: b.length - suffix + i, line: a[a.length - suffix + i] });
  }
  return edits;
}

/**
 * Myers' O((N+M)·D) greedy search for the furthest-reaching path on each diagonal, then a walk back
 * through the saved frontiers.
 *
 * @see https://doi.org/10.1007/BF01840446 (E. W. Myers, "An O(ND) difference algorithm and its variations")
 */
function myers(a: readonly string[], b: readonly string[]): Edit[] {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  if (max === 0) return [];
  const offset = max + 1;
  const v = new Int32Array(2 * max + 3);
  const trace: Int32Array[] = [];
  for (let d = 0; d <= max; d++) {
    if ((d + 1) * v.length > TRACE_BUDGET) return replaceAll(a, b);
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? v[offset + k + 1] : v[offset + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x++;
        y++;
      }
      v[offset + k] = x;
      if (x >= n && y >= m) return backtrack(trace, a, b, offset);
    }
  }
  return replaceAll(a, b); // unreachable: d = n + m always reaches the end
}

function backtrack(trace: readonly Int32Array[], a: readonly string[], b: readonly string[], offset: number): Edit[] {
  const reversed: Edit[] = [];
  let x = a.length;
  let y = b.length;
  for (let d = trace.length - 1; d >= 0; d--) {
    const v = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && v[offset + k - 1] < v[offset + k + 1]) ? k + 1 : k - 1;
    const prevX = v[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      reversed.push({ kind: 'equal', oldIndex: x, newIndex: y, line: a[x] });
    }
    if (d > 0) {
      if (x === prevX) reversed.push({ kind: 'insert', oldIndex: x, newIndex: prevY, line: b[prevY] });
      else reversed.push({ kind: 'delete', oldIndex: prevX, newIndex: y, line: a[prevX] });
    }
    x = prevX;
    y = prevY;
  }
  return reversed.reverse();
}

function replaceAll(a: readonly string[], b: readonly string[]): Edit[] {
  return [
    ...a.map((line, i): Edit => ({ kind: 'delete', oldIndex: i, newIndex: 0, line })),
    ...b.map((line, i): Edit => ({ kind: 'insert', oldIndex: a.length, newIndex: i, line })),
  ];
}

/** The edit script cut into hunks: each change with its context, changes closer than twice the context merged. */
function hunks(edits: readonly Edit[]): Edit[][] {
  const result: Edit[][] = [];
  let i = 0;
  while (i < edits.length) {
    if (edits[i].kind === 'equal') {
      i++;
      continue;
    }
    const start = Math.max(0, i - CONTEXT);
    let end = i;
    for (;;) {
      while (end < edits.length && edits[end].kind !== 'equal') end++;
      let next = end;
      while (next < edits.length && edits[next].kind === 'equal') next++;
      if (next < edits.length && next - end <= 2 * CONTEXT) end = next;
      else break;
    }
    const stop = Math.min(edits.length, end + CONTEXT);
    result.push(edits.slice(start, stop));
    i = stop;
  }
  return result;
}
