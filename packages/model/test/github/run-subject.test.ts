import { runSubject, type RunSubjectOptions } from '../../src/github/run-subject';

const OPTIONS: RunSubjectOptions = {
  repository: { owner: 'honeyhiveai', repo: 'python-sdk', ownerId: '1', repoId: '2' },
  format: 'legacy',
  defaultBranch: 'main',
};

describe('runSubject', () => {
  it('names the environment when the job references one, whatever the event', () => {
    const s = runSubject({ event: 'pull_request', environment: 'testing' }, OPTIONS);
    expect(s.values).toEqual(['repo:honeyhiveai/python-sdk:environment:testing']);
    expect(s.rule).toBe('environment');
  });

  it('writes pull_request, without a branch, for a pull_request run', () => {
    const s = runSubject({ event: 'pull_request', ref: 'refs/pull/7/merge' }, OPTIONS);
    expect(s.values).toEqual(['repo:honeyhiveai/python-sdk:pull_request']);
    expect(s.rule).toBe('pull_request');
  });

  it('writes the ref of a push, and reads a bare branch name as a branch', () => {
    expect(runSubject({ event: 'push', ref: 'develop' }, OPTIONS).values).toEqual(['repo:honeyhiveai/python-sdk:ref:refs/heads/develop']);
    expect(runSubject({ event: 'push', ref: 'refs/tags/v1.0' }, OPTIONS).values).toEqual(['repo:honeyhiveai/python-sdk:ref:refs/tags/v1.0']);
  });

  it('uses the default branch when no ref is given, and always for schedule', () => {
    expect(runSubject({ event: 'workflow_dispatch' }, OPTIONS).ref).toBe('refs/heads/main');
    expect(runSubject({ event: 'schedule', ref: 'refs/heads/other' }, { ...OPTIONS, defaultBranch: 'trunk' }).ref).toBe('refs/heads/trunk');
  });

  it('writes both subject forms while a repository migrates to immutable subjects', () => {
    expect(runSubject({ event: 'pull_request' }, { ...OPTIONS, format: 'both' }).values).toEqual([
      'repo:honeyhiveai/python-sdk:pull_request',
      'repo:honeyhiveai@1/python-sdk@2:pull_request',
    ]);
  });

  it('encodes a colon in an environment name', () => {
    expect(runSubject({ event: 'push', environment: 'Prod:V1' }, OPTIONS).values).toEqual(['repo:honeyhiveai/python-sdk:environment:Prod%3AV1']);
  });
});
