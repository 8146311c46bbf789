import { unifiedDiff } from '../../src/private/unified-diff';

const NAMES = { old: 'a/f.txt', new: 'b/f.txt' };
const lines = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => `line ${from + i}\n`).join('');

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n', NAMES)).toBe('');
  });

  it('shows a changed line with three lines of context and the hunk ranges', () => {
    const before = lines(1, 10);
    const after = before.replace('line 5\n', 'line five\n');
    expect(unifiedDiff(before, after, NAMES)).toBe(
      '--- a/f.txt\n+++ b/f.txt\n@@ -2,7 +2,7 @@\n line 2\n line 3\n line 4\n-line 5\n+line five\n line 6\n line 7\n line 8\n',
    );
  });

  it('merges changes whose contexts touch into one hunk, and keeps distant ones apart', () => {
    const before = lines(1, 30);
    const near = before.replace('line 5\n', 'x\n').replace('line 11\n', 'y\n');
    expect(unifiedDiff(before, near, NAMES).match(/^@@/gm)).toHaveLength(1);
    const far = before.replace('line 5\n', 'x\n').replace('line 20\n', 'y\n');
    expect(unifiedDiff(before, far, NAMES)).toMatch(/^@@ -2,7 \+2,7 @@\n[^@]*^@@ -17,7 \+17,7 @@$/ms);
  });

  it('diffs a new file against an empty one, from line 0', () => {
    expect(unifiedDiff('', 'a\nb\n', { old: '/dev/null', new: 'b/f.txt' })).toBe('--- /dev/null\n+++ b/f.txt\n@@ -0,0 +1,2 @@\n+a\n+b\n');
  });

  it('marks a last line without a newline', () => {
    expect(unifiedDiff('a\nb', 'a\nb\n', NAMES)).toBe('--- a/f.txt\n+++ b/f.txt\n@@ -1,2 +1,2 @@\n a\n-b\n\\ No newline at end of file\n+b\n');
  });

  it('finds the shortest edit: an inserted line is one addition, not a rewrite', () => {
    const before = lines(1, 6);
    const after = before.replace('line 3\n', 'line 3\nnew\n');
    const diff = unifiedDiff(before, after, NAMES);
    expect(diff.split('\n').filter((l) => /^[+-](?![+-]{2} )/.test(l))).toEqual(['+new']);
    expect(diff).toContain('@@ -1,6 +1,7 @@\n');
  });

  it('still gives a correct diff for large texts with nothing in common', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `old ${i}\n`).join('');
    const after = Array.from({ length: 3000 }, (_, i) => `new ${i}\n`).join('');
    const diff = unifiedDiff(before, after, NAMES);
    expect(diff).toMatch(/^@@ -1,3000 \+1,3000 @@$/m);
    expect(diff.split('\n').filter((l) => l.startsWith('-old')).length).toBe(3000);
    expect(diff.split('\n').filter((l) => l.startsWith('+new')).length).toBe(3000);
  });
});
