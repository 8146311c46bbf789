import { dispatchBranches, dispatchGuard, expressionString } from '../../src/github/dispatch-guard';

describe('the dispatch guard: what the generator writes, check reads back', () => {
  test.each([[['main']], [['main', 'release']], [['feature/x', "it's"]]])('round-trips the branches %j', (branches) => {
    expect(dispatchBranches(dispatchGuard(branches))).toEqual([...branches].sort());
  });

  test('round-trips inside the job condition the generator composes (fork guard && dispatch guard), with or without ${{ }}', () => {
    const fork = "github.event_name != 'pull_request' || github.event.pull_request.head.repo.full_name == github.repository";
    const condition = `(${fork}) && (${dispatchGuard(['main'])})`;
    expect(dispatchBranches(condition)).toEqual(['main']);
    expect(dispatchBranches(`\${{ ${condition} }}`)).toEqual(['main']);
  });

  test('no branch: no manual run passes', () => {
    expect(dispatchGuard([])).toBe("github.event_name != 'workflow_dispatch' || false");
    expect(dispatchBranches(dispatchGuard([]))).toEqual([]);
  });

  test('refuses to write a pattern, which the trust policy could not list', () => {
    expect(() => dispatchGuard(['release/*'])).toThrow(/pattern/);
  });

  test('reads an unrestricted or unrecognized condition as no restriction', () => {
    expect(dispatchBranches(undefined)).toBeUndefined();
    expect(dispatchBranches("github.actor == 'me'")).toBeUndefined();
    expect(dispatchBranches(`${dispatchGuard(['main'])} || github.actor == 'me'`)).toBeUndefined();
  });

  test('quotes a literal the way GitHub expressions do', () => {
    expect(expressionString("it's")).toBe("'it''s'");
  });
});

describe('an if: nested past the reader\'s limit (issue #16)', () => {
  const nested = (levels: number) => `\${{ ${'( '.repeat(levels)}github.ref == 'refs/heads/main'${' || false )'.repeat(levels)} }}`;

  test('reads a guard nested 32 groups deep', () => {
    expect(dispatchBranches(nested(32))).toEqual(['main']);
  });

  test.each([33, 3_000, 20_000])('treats a guard nested %p groups deep as no restriction, without exhausting the stack', (levels) => {
    const start = performance.now();
    expect(dispatchBranches(nested(levels))).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(1_000);
  });

  test('counts no parenthesis inside a string literal', () => {
    expect(dispatchBranches(`github.ref == '${'('.repeat(100)}'`)).toEqual([]);
  });
});
