// The claims of a run beyond sub and aud (GitHub docs oidc.md claim table; oidc-with-reusable-workflows.md:
// job_workflow_ref is OWNER/REPO/.github/workflows/FILE@REF; a pull request's ref is refs/pull/N/merge).
import { refOfSubject, runClaims } from '../src/run-claims';

describe('runClaims', () => {
  test('names the workflow file at the run\'s ref, from a generated path or a checkout', () => {
    for (const file of ['apps/repos/python-sdk/.github/workflows/lambda-tests.yml', '/tmp/x/.github/workflows/lambda-tests.yml', '.github/workflows/lambda-tests.yml']) {
      expect(runClaims({ repo: 'honeyhiveai/python-sdk', workflowFile: file, ref: 'refs/heads/main' })).toEqual({
        'token.actions.githubusercontent.com:repository': 'honeyhiveai/python-sdk',
        'token.actions.githubusercontent.com:ref': 'refs/heads/main',
        'token.actions.githubusercontent.com:job_workflow_ref': 'honeyhiveai/python-sdk/.github/workflows/lambda-tests.yml@refs/heads/main',
      });
    }
    expect(runClaims({ repo: 'o/r', repoId: '42', workflowFile: 'elsewhere.yml', ref: 'refs/heads/main' })).toEqual({
      'token.actions.githubusercontent.com:repository': 'o/r',
      'token.actions.githubusercontent.com:ref': 'refs/heads/main',
      'token.actions.githubusercontent.com:repository_id': '42',
    });
  });

  test('derives the run\'s ref from its sub', () => {
    expect(refOfSubject('repo:o/r:ref:refs/tags/v1', 'main')).toBe('refs/tags/v1');
    expect(refOfSubject('repo:o/r:pull_request', 'main')).toBe('refs/pull/N/merge');
    expect(refOfSubject('repo:o/r:environment:prod', 'trunk')).toBe('refs/heads/trunk');
  });
});
