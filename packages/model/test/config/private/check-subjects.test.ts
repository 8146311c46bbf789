import type { SubjectsConfig } from '../../../src/github/subjects';
import { configWith, expectIssue, resolved } from '../../support/configs';

/** The valid config plus a repository `infra` with these declared subjects, on a role managed elsewhere. */
function withSubjects(subjects: SubjectsConfig) {
  return configWith((c) => {
    c.roles['infra-role'] = { environment: 'testing', managedBy: 'external' };
    c.repos.infra = { role: 'infra-role', subjects };
  });
}

describe('subject checks', () => {
  test.each([
    ['*', /admits the token of every repository on GitHub/],
    ['repo:acme/*', /admits every repository of "acme"/],
    ['repo:acme/infra*', /has no ":" after the repository name, so it also admits "repo:acme\/infra-evil"/],
    ['repo:acme*', /has no "\/" after the owner/],
    ['repo:ac*e/infra:ref:refs/heads/main', /wildcard inside the owner or repository name/],
    ['repo:acme/in*ra:ref:refs/heads/main', /wildcard inside the owner or repository name/],
    ['repo:acme/infra:ref:*', /does not fix the kind of ref/],
    ['repo:acme/infra:ref:refs/heads/ma?n', /contains "\?"/],
  ])('fails when a custom subject is the unsafe pattern %p', (value, message) => {
    // Values outside the repository are reported as such too; the pattern check must be among the issues.
    expectIssue(withSubjects({ custom: [value] }), 'repos.infra.subjects.custom', message);
  });

  test('fails when a custom subject grants the whole repository without a written reason', () => {
    expectIssue(withSubjects({ custom: ['repo:acme/infra:*'] }), 'repos.infra.subjects.custom', /admits any branch, tag, pull request and environment of acme\/infra.*write the reason in subjects\.anyRef/);
  });

  test('keeps a branch wildcard after refs/heads/, where it cannot reach another repository', () => {
    // A branch glob can't: it follows "ref:refs/heads/". Only what comes after the ref kind is open.
    expect(resolved(withSubjects({ branches: ['*'] })).repos[1].subjects[0]).toMatchObject({ value: 'repo:acme/infra:ref:refs/heads/*', operator: 'StringLike' });
  });

  test('accepts safe patterns after the ref kind', () => {
    const grants = resolved(withSubjects({ custom: ['repo:acme/infra:ref:refs/heads/release/*', 'repo:acme/infra:environment:*'] })).repos[1].subjects;
    expect(grants.map((g) => g.operator)).toEqual(['StringLike', 'StringLike']);
  });

  test('accepts a merge queue pattern, which stays under refs/heads/gh-readonly-queue/', () => {
    // merge_group subjects are patterns under refs/heads/gh-readonly-queue/: safe whatever the base branch.
    const config = configWith((c) => { c.repos.app.lambdaTests!.on.mergeGroup = { branches: ['release/*'] }; });
    expect(resolved(config).repos[0].subjects.map((s) => s.value)).toContain('repo:acme/app:ref:refs/heads/gh-readonly-queue/release/*/*');
  });

  test('accepts the repository-wide grant of anyRef in both subject formats', () => {
    const config = configWith((c) => { c.github.ownerId = '1'; c.roles['infra-role'] = { environment: 'testing', managedBy: 'external' }; c.repos.infra = { role: 'infra-role', id: '2', subjectFormat: 'both', subjects: { anyRef: 'legacy pipelines' } }; });
    expect(resolved(config).repos[1].subjects.map((s) => s.value)).toEqual(['repo:acme/infra:*', 'repo:acme@1/infra@2:*']);
  });
});
