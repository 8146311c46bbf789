import { inspectSubject } from '../../src/github/subject-pattern';

/** `severity code` of each finding, for compact assertions. */
function codes(value: string, operator = 'StringLike'): string[] {
  return inspectSubject(value, operator).map((f) => `${f.severity} ${f.code}`);
}

describe('inspectSubject', () => {
  test('finds nothing wrong with exact subjects under StringEquals', () => {
    expect(codes('repo:honeyhiveai/python-sdk:ref:refs/heads/main', 'StringEquals')).toEqual([]);
    expect(codes('repo:honeyhiveai/python-sdk:environment:testing', 'StringEquals')).toEqual([]);
    expect(codes('repo:honeyhiveai/python-sdk:pull_request', 'StringEquals')).toEqual([]);
    expect(codes('repo:honeyhiveai@1234/python-sdk@5678:ref:refs/heads/main', 'StringEquals')).toEqual([]);
  });

  test('finds nothing wrong with a wildcard over the branch name after refs/heads/', () => {
    expect(codes('repo:honeyhiveai/python-sdk:ref:refs/heads/*')).toEqual([]);
    expect(codes('repo:honeyhiveai/python-sdk:ref:refs/heads/release-*')).toEqual([]);
    expect(codes('repo:honeyhiveai/python-sdk:environment:*')).toEqual([]);
  });

  test('flags "*" alone as admitting every repository on GitHub', () => {
    expect(codes('*')).toEqual(['error wildcard-sub']);
    expect(codes('**')).toEqual(['error wildcard-sub']);
    expect(inspectSubject('*', 'StringLike')[0].message).toMatch(/every repository on GitHub.*list the exact subjects/);
  });

  test('flags a wildcard owner as admitting every repository on GitHub', () => {
    expect(codes('repo:*')).toEqual(['error wildcard-sub']);
    expect(codes('repo:*/python-sdk:*')).toEqual(['error wildcard-sub']);
    expect(codes('*:ref:refs/heads/main')).toEqual(['error wildcard-sub']);
  });

  test('flags an owner-wide subject as an error', () => {
    expect(codes('repo:honeyhiveai/*')).toEqual(['error owner-wide-sub']);
    expect(codes('repo:honeyhiveai/*:ref:refs/heads/main')).toEqual(['error owner-wide-sub']);
    expect(inspectSubject('repo:honeyhiveai/*', 'StringLike')[0].message).toBe(
      '"repo:honeyhiveai/*" admits every repository of "honeyhiveai", including ones created later; list each repository instead ("repo:honeyhiveai/REPO:…")',
    );
  });

  test('flags an owner prefix without "/" as admitting other owners', () => {
    expect(codes('repo:honeyhiveai*')).toEqual(['error prefix-collision']);
    expect(inspectSubject('repo:honeyhiveai*', 'StringLike')[0].message).toContain('"repo:honeyhiveai-evil/…"');
  });

  test('flags a repository prefix without ":" as admitting other repositories, and suggests the delimiter', () => {
    expect(codes('repo:o/app*')).toEqual(['error prefix-collision']);
    expect(inspectSubject('repo:o/app*', 'StringLike')[0].message).toBe(
      '"repo:o/app*" has no ":" after the repository name, so it also admits "repo:o/app-evil"; write "repo:o/app:*"',
    );
    // A "*" inside the name is a prefix, not a name: no guessed name (issue 12: "python-*" once became "python-").
    expect(inspectSubject('repo:o/app*:ref:refs/heads/main', 'StringLike')[0].message).toContain('write one subject per repository: "repo:o/NAME:ref:refs/heads/main"');
  });

  test('flags a wildcard inside an owner or repository name', () => {
    expect(codes('repo:o/*-service:ref:refs/heads/main')).toEqual(['error wildcard-in-owner-or-repo']);
    expect(codes('repo:honey*ai/r:ref:refs/heads/main')).toEqual(['error wildcard-in-owner-or-repo']);
    expect(codes('repo:o/ap?:ref:refs/heads/main')).toEqual(['error wildcard-in-owner-or-repo']);
  });

  test('flags a wildcard inside an immutable id', () => {
    expect(codes('repo:o@*/r@5678:ref:refs/heads/main')).toEqual(['error wildcard-in-id']);
    expect(codes('repo:o@1234/r@56*:ref:refs/heads/main')).toEqual(['error wildcard-in-id']);
  });

  test('warns about a repository-wide subject, but does not call it an error', () => {
    expect(codes('repo:honeyhiveai/deployments:*')).toEqual(['warning repo-wide-sub']);
    expect(inspectSubject('repo:honeyhiveai/deployments:*', 'StringLike')[0].message).toMatch(/any branch, tag, pull request and environment of honeyhiveai\/deployments/);
  });

  test('warns about a wildcard that spans branches and tags', () => {
    expect(codes('repo:o/r:ref:*')).toEqual(['warning wildcard-across-ref-kinds']);
    expect(codes('repo:o/r:ref:refs/*')).toEqual(['warning wildcard-across-ref-kinds']);
    expect(codes('repo:o/r:ref:refs/*/main')).toEqual(['warning wildcard-across-ref-kinds']);
    expect(codes('repo:o/r:*main')).toEqual(['warning wildcard-across-ref-kinds']);
    expect(codes('repo:o/r:ref:refs/tags/v*')).toEqual([]);
  });

  test('warns that "?" is a one-character wildcard in the context', () => {
    expect(codes('repo:o/r:environment:pr?d')).toEqual(['warning question-mark']);
    expect(codes('repo:o/r:environment:prod')).toEqual(['info stringlike-without-wildcard']);
  });

  test('warns that a wildcard under StringEquals is literal and never matches', () => {
    expect(codes('repo:o/r:*', 'StringEquals')).toEqual(['warning literal-wildcard']);
    expect(codes('repo:o/r:*', 'ForAnyValue:StringLikeIfExists')).toEqual(['warning repo-wide-sub']);
  });

  test('gives info when StringLike is used with a value that has no wildcard', () => {
    expect(codes('repo:o/r:pull_request')).toEqual(['info stringlike-without-wildcard']);
    expect(codes('repo:o/r:pull_request', 'StringEquals')).toEqual([]);
  });

  test('flags whitespace at the ends as an error and inside as a warning', () => {
    expect(codes('repo:o/r:pull_request ', 'StringEquals')).toEqual(['error whitespace-in-value']);
    expect(codes(' repo:o/r:pull_request', 'StringEquals')).toEqual(['error whitespace-in-value']);
    expect(codes('repo:o/r:environment:my env', 'StringEquals')).toEqual(['warning whitespace-in-value']);
  });

  test('flags a custom-template subject that starts with a claim any repository can forge', () => {
    expect(codes('environment:prod', 'StringEquals')).toEqual(['error forgeable-leading-claim']);
    expect(codes('job_workflow_ref:o/r/.github/workflows/a.yml@refs/heads/main', 'StringEquals')).toEqual(['error forgeable-leading-claim']);
    expect(codes('environment:*')).toEqual(['error forgeable-leading-claim']);
    // Owner-bound but not repository-bound: every repository of the owner using the template (research 12, F3.10).
    expect(codes('repository_owner_id:1234:environment:prod', 'StringEquals')).toEqual(['error org-wide-template']);
    expect(codes('repo:o/r:environment:prod', 'StringEquals')).toEqual([]);
  });

  test('warns about a value that is not a GitHub subject', () => {
    expect(codes('honeyhiveai/deployments', 'StringEquals')).toEqual(['warning unrecognised-subject']);
  });

  test('warns about an empty value', () => {
    expect(codes('', 'StringEquals')).toEqual(['warning empty-value']);
  });

  test('phrases every message about the value and ends with a fix', () => {
    for (const v of ['*', 'repo:o/*', 'repo:o/app*', 'repo:o/r:*', 'repo:o/r:ref:*', 'environment:prod']) {
      for (const f of inspectSubject(v, 'StringLike')) {
        expect(f.message.startsWith(JSON.stringify(v))).toBe(true);
        expect(f.message).toMatch(/; (list|write|name|make|use)/);
      }
    }
  });
});
