// The context of a default-format sub (GitHub docs, content/actions/reference/security/oidc.md, "Example
// subject claims": environment, then pull_request, then ref; ":" in a value is "%3A"; research 12, F3.1-F3.9).
import { inspectSubjectContext } from '../../src/github/subject-context';

const codes = (value: string, like = false) => inspectSubjectContext(value, like).map((f) => `${f.severity} ${f.code}`);

describe('inspectSubjectContext', () => {
  test('accepts the subjects GitHub presents', () => {
    for (const v of ['repo:o/r:pull_request', 'repo:o/r:ref:refs/heads/main', 'repo:o/r:ref:refs/tags/v1', 'repo:o/r:environment:prod%3Av1', 'repo:o@1/r@2:ref:refs/heads/main']) {
      expect(codes(v)).toEqual([]);
    }
  });

  test('says which subjects no token presents, and what to write instead', () => {
    expect(inspectSubjectContext('repo:o/r:ref:refs/pull/1/merge', false)[0]).toMatchObject({ severity: 'error', code: 'unreachable-subject', message: expect.stringMatching(/write "repo:o\/r:pull_request"$/) });
    expect(inspectSubjectContext('repo:o/r:ref:main', false)[0].message).toMatch(/write "repo:o\/r:ref:refs\/heads\/main"/);
    expect(codes('repo:o/r:environment:prod:ref:refs/heads/main')).toEqual(['error unreachable-subject']);
    expect(codes('repo:o/r:push')).toEqual(['error unreachable-subject']);
    expect(codes('repo:o/r:pull_request:main')).toEqual(['error unreachable-subject']);
  });

  test('reports an unencoded ":" in an environment name', () => {
    expect(inspectSubjectContext('repo:o/r:environment:prod:v1', false)[0]).toMatchObject({ code: 'environment-unencoded-colon', message: expect.stringMatching(/write "repo:o\/r:environment:prod%3Av1"$/) });
  });

  test('warns about who can make a ref that matches a pattern, only under StringLike', () => {
    expect(codes('repo:o/r:ref:refs/heads/*', true)).toEqual(['warning branch-wildcard']);
    expect(codes('repo:o/r:ref:refs/tags/v*', true)).toEqual(['warning tag-wildcard']);
    expect(codes('repo:o/r:environment:*', true)).toEqual(['warning environment-wildcard']);
    expect(codes('repo:o/r:ref:refs/heads/gh-readonly-queue/main/*', true)).toEqual(['warning merge-queue-ref']);
    expect(codes('repo:o/r:ref:refs/heads/*', false)).toEqual([]);
    expect(codes('repo:o/r:*', true)).toEqual([]);
  });
});
