import type { TriggersConfig } from '../../src/github/triggers';
import { declaredSubjectContexts, lambdaTestsSubjectContexts, subjectGrants, subjectOperator } from '../../src/github/subjects';
import { resolveTriggers } from '../../src/github/triggers';

/** The contexts of a generated job with these triggers, on default branch `main`. */
function contexts(on: TriggersConfig, environment?: string): string[] {
  return lambdaTestsSubjectContexts(resolveTriggers(on, 'main'), environment, 'main').map((c) => c.context);
}

describe('lambdaTestsSubjectContexts', () => {
  test('presents pull_request for pull request events, whatever the branch', () => {
    expect(contexts({ pullRequest: { branches: ['main', 'dev'] } })).toEqual(['pull_request']);
  });

  test('presents the branch ref for pushes, workflow_dispatch and schedules', () => {
    expect(contexts({ push: { branches: ['dev'] }, workflowDispatch: { branches: ['main'] }, schedule: ['0 4 * * *'] }))
      .toEqual(['ref:refs/heads/dev', 'ref:refs/heads/main', 'ref:refs/heads/main']);
  });

  test('presents the tag ref for tag pushes', () => {
    expect(contexts({ push: { tags: ['v1.0'] } })).toEqual(['ref:refs/tags/v1.0']);
  });

  test('presents the merge queue ref of the base branch as a pattern', () => {
    expect(contexts({ mergeGroup: true })).toEqual(['ref:refs/heads/gh-readonly-queue/main/*']);
  });

  test('presents only the environment when the job references one, whatever the event', () => {
    expect(contexts({ pullRequest: true, push: { branches: ['main'] }, schedule: ['0 4 * * *'] }, 'testing')).toEqual(['environment:testing']);
  });

  test('encodes ":" in an environment name as %3A', () => {
    expect(contexts({ pullRequest: true }, 'Production:V1')).toEqual(['environment:Production%3AV1']);
  });

  test('turns GitHub\'s ** into IAM\'s *', () => {
    expect(contexts({ push: { branches: ['release/**'] } })).toEqual(['ref:refs/heads/release/*']);
  });

  test('says why in plain English', () => {
    const reasons = lambdaTestsSubjectContexts(
      resolveTriggers({ pullRequest: true, push: { branches: ['main'], tags: ['v1'] }, workflowDispatch: true, schedule: ['0 4 * * *'], mergeGroup: true }, 'main'),
      undefined,
      'main',
    ).map((c) => c.reason);
    expect(reasons).toEqual(['pull_request events', 'push to main', 'push of tag v1', 'workflow_dispatch from main', 'schedule (runs on main)', 'merge_group into main']);
  });
});

describe('declaredSubjectContexts', () => {
  test('turns anyRef into the repository-wide pattern with its reason', () => {
    expect(declaredSubjectContexts({ anyRef: 'terraform' })).toEqual([{ context: '*', reason: 'terraform', source: 'subjects.anyRef' }]);
  });

  test('keeps custom subjects whole', () => {
    expect(declaredSubjectContexts({ custom: ['repo:o/r:environment:x'] })[0]).toMatchObject({ context: 'repo:o/r:environment:x', custom: true });
  });
});

describe('subjectGrants', () => {
  test('writes every context under every prefix, one grant per value, reasons joined, sorted', () => {
    const grants = subjectGrants('r', ['repo:o/r:', 'repo:o@1/r@2:'], [
      { context: 'ref:refs/heads/main', reason: 'push to main', source: 'x' },
      { context: 'pull_request', reason: 'pull_request events', source: 'x' },
      { context: 'ref:refs/heads/main', reason: 'workflow_dispatch from main', source: 'x' },
    ]);
    expect(grants).toEqual([
      { value: 'repo:o/r:pull_request', operator: 'StringEquals', repo: 'r', reason: 'pull_request events' },
      { value: 'repo:o/r:ref:refs/heads/main', operator: 'StringEquals', repo: 'r', reason: 'push to main; workflow_dispatch from main' },
      { value: 'repo:o@1/r@2:pull_request', operator: 'StringEquals', repo: 'r', reason: 'pull_request events' },
      { value: 'repo:o@1/r@2:ref:refs/heads/main', operator: 'StringEquals', repo: 'r', reason: 'push to main; workflow_dispatch from main' },
    ]);
  });
});

describe('subjectOperator', () => {
  test('compares exact values with StringEquals and wildcards with StringLike', () => {
    expect(subjectOperator('repo:o/r:pull_request')).toBe('StringEquals');
    expect(subjectOperator('repo:o/r:ref:refs/heads/*')).toBe('StringLike');
    expect(subjectOperator('repo:o/r:ref:refs/heads/a?')).toBe('StringLike');
  });
});
