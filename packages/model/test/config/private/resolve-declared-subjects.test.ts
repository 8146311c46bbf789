import type { SubjectsConfig } from '../../../src/github/subjects';
import { configWith, expectIssue, resolved } from '../../support/configs';

/**
 * The valid config plus a repository `infra` with these declared subjects, on a role managed elsewhere
 * (a repository without lambdaTests may not share the sam-lambda-testing role).
 */
function withSubjects(subjects: SubjectsConfig, repo: { id?: string } = {}) {
  return configWith((c) => {
    c.roles['infra-role'] = { environment: 'testing', managedBy: 'external' };
    c.repos.infra = { role: 'infra-role', subjects, ...repo };
  });
}
const values = (subjects: SubjectsConfig) => resolved(withSubjects(subjects)).repos.find((r) => r.name === 'infra')!.subjects.map((s) => s.value);

describe('subjects', () => {
  test('grants the repository-wide subject with its written reason', () => {
    const [grant] = resolved(withSubjects({ anyRef: 'legacy pipelines' })).repos[1].subjects;
    expect(grant).toEqual({ value: 'repo:acme/infra:*', operator: 'StringLike', repo: 'infra', reason: 'legacy pipelines' });
  });

  test('fails when the repository-wide grant has an empty reason', () => {
    expectIssue(withSubjects({ anyRef: ' ' }), 'repos.infra.subjects.anyRef', /is empty; a repository-wide grant \("repo:OWNER\/REPO:\*"\) needs its reason written down/);
  });

  test('derives branch, tag, environment and pull request subjects', () => {
    expect(values({ branches: ['main', 'release/**'], tags: ['v*'], environments: ['prod', 'Production:V1'], pullRequest: true })).toEqual([
      'repo:acme/infra:environment:Production%3AV1',
      'repo:acme/infra:environment:prod',
      'repo:acme/infra:pull_request',
      'repo:acme/infra:ref:refs/heads/main',
      'repo:acme/infra:ref:refs/heads/release/*',
      'repo:acme/infra:ref:refs/tags/v*',
    ]);
  });

  test('fails when a declared branch is one git refuses', () => {
    expectIssue(withSubjects({ branches: ['main', 'a..b'] }), 'repos.infra.subjects.branches[1]', /"a\.\.b" is not a valid branch name/);
  });

  test('fails when a declared tag is one git refuses', () => {
    expectIssue(withSubjects({ tags: ['v1:0'] }), 'repos.infra.subjects.tags[0]', /"v1:0" is not a valid tag name/);
  });

  test.each(['', ' prod', 'pr\nod', 'e'.repeat(256)])('fails when a declared environment is %p', (env) => {
    expectIssue(withSubjects({ environments: [env] }), 'repos.infra.subjects.environments[0]', /is not a GitHub environment name/);
  });

  test('accepts a custom subject of the repository', () => {
    expect(values({ custom: ['repo:acme/infra:environment:prod:job_workflow_ref:acme/infra/.github/workflows/a.yml@refs/heads/main'] }))
      .toEqual(['repo:acme/infra:environment:prod:job_workflow_ref:acme/infra/.github/workflows/a.yml@refs/heads/main']);
  });

  test('fails when a custom subject belongs to another repository', () => {
    expectIssue(withSubjects({ custom: ['repo:acme/other:ref:refs/heads/main'] }), 'repos.infra.subjects.custom[0]', /does not belong to this repository; expected a value starting with one of "repo:acme\/infra:"/);
  });

  test('fails when a custom subject differs from the repository only in case', () => {
    expectIssue(withSubjects({ custom: ['repo:Acme/infra:ref:refs/heads/main'] }), 'repos.infra.subjects.custom[0]', /differs from this repository's prefix only in case, and IAM compares subjects case-sensitively/);
  });

  test('fails when subjects declare nothing', () => {
    expectIssue(withSubjects({ pullRequest: false }), 'repos.infra.subjects', /declares no subject/);
  });
});
