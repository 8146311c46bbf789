import { workflowJobSubjects, type WorkflowJobInput, type WorkflowJobSubjectsOptions } from '../../src/github/workflow-job-subjects';

const REPO: WorkflowJobSubjectsOptions = {
  repository: { owner: 'honeyhiveai', repo: 'python-sdk', ownerId: '111', repoId: '222' },
  format: 'legacy',
  defaultBranch: 'main',
};
const P = 'repo:honeyhiveai/python-sdk:';

function values(job: WorkflowJobInput, options: WorkflowJobSubjectsOptions = REPO): string[] {
  return workflowJobSubjects(job, options).subjects.map((s) => s.value);
}

function codes(job: WorkflowJobInput): string[] {
  return workflowJobSubjects(job, REPO).findings.map((f) => f.code);
}

describe('workflowJobSubjects', () => {
  it('presents pull_request for pull requests, whatever the branches filter', () => {
    expect(values({ on: { pull_request: { branches: ['main'] } } })).toEqual([`${P}pull_request`]);
  });

  it('presents the ref of each pushed branch and tag', () => {
    expect(values({ on: { push: { branches: ['main', 'release/**'], tags: ['v*'] } } })).toEqual([
      `${P}ref:refs/heads/main`,
      `${P}ref:refs/heads/release/*`,
      `${P}ref:refs/tags/v*`,
    ]);
  });

  it('presents any branch and any tag for a push without filters', () => {
    const result = workflowJobSubjects({ on: 'push' }, REPO);
    expect(result.subjects.map((s) => s.value)).toEqual([`${P}ref:refs/heads/*`, `${P}ref:refs/tags/*`]);
    expect(result.findings.map((f) => f.code)).toEqual(['push-any-branch']);
  });

  it('presents no tag when push lists only branches, and no branch when it lists only tags', () => {
    expect(values({ on: { push: { branches: ['main'] } } })).toEqual([`${P}ref:refs/heads/main`]);
    expect(values({ on: { push: { tags: ['v1'] } } })).toEqual([`${P}ref:refs/tags/v1`]);
  });

  it('reads a workflow_dispatch branch restriction from the job condition', () => {
    const job = { on: ['pull_request', 'workflow_dispatch'], if: "${{ github.event_name != 'workflow_dispatch' || github.ref == 'refs/heads/main' }}" };
    expect(values(job)).toEqual([`${P}pull_request`, `${P}ref:refs/heads/main`]);
    expect(codes(job)).toEqual([]);
  });

  it('recognizes ref_name, startsWith and parenthesized conjunctions in the job condition', () => {
    const job = {
      on: { workflow_dispatch: {} },
      if: "github.event_name == 'push' || (github.event_name == 'workflow_dispatch' && (github.ref_name == 'main' || startsWith(github.ref, 'refs/heads/release/')))",
    };
    expect(values(job)).toEqual([`${P}ref:refs/heads/main`, `${P}ref:refs/heads/release/*`]);
  });

  it('assumes the default branch and any branch for workflow_dispatch without a recognized restriction', () => {
    const job = { on: { workflow_dispatch: null }, if: "always() || github.ref == 'refs/heads/main'" };
    expect(values(job)).toEqual([`${P}ref:refs/heads/*`, `${P}ref:refs/heads/main`]);
    expect(codes(job)).toEqual(['dispatch-any-branch']);
  });

  it('presents the default branch for schedule and repository_dispatch', () => {
    expect(values({ on: { schedule: [{ cron: '0 3 * * *' }], repository_dispatch: {} } }, { ...REPO, defaultBranch: 'develop' })).toEqual([
      `${P}ref:refs/heads/develop`,
    ]);
  });

  it('presents a merge queue ref pattern for merge_group', () => {
    expect(values({ on: { merge_group: { branches: ['main'] } } })).toEqual([`${P}ref:refs/heads/gh-readonly-queue/main/*`]);
  });

  it('presents only the environment subject when the job references an environment', () => {
    expect(values({ on: ['pull_request', 'push'], environment: { name: 'testing', url: 'https://x' } })).toEqual([`${P}environment:testing`]);
    expect(values({ on: 'push', environment: 'Prod:V1' })).toEqual([`${P}environment:Prod%3AV1`]);
  });

  it('reports forbidden triggers as errors, with the default branch they run on', () => {
    const result = workflowJobSubjects({ on: { pull_request_target: {}, workflow_run: { workflows: ['x'] }, issue_comment: {} } }, REPO);
    expect(result.findings.map((f) => [f.severity, f.code, f.event])).toEqual([
      ['error', 'forbidden-trigger', 'pull_request_target'],
      ['error', 'forbidden-trigger', 'workflow_run'],
      ['error', 'forbidden-trigger', 'issue_comment'],
    ]);
    expect(result.subjects.map((s) => s.value)).toEqual([`${P}ref:refs/heads/main`]);
  });

  it('writes immutable subjects, and both forms while migrating', () => {
    expect(values({ on: 'pull_request' }, { ...REPO, format: 'immutable' })).toEqual(['repo:honeyhiveai@111/python-sdk@222:pull_request']);
    expect(values({ on: 'pull_request' }, { ...REPO, format: 'both' })).toEqual([
      `${P}pull_request`,
      'repo:honeyhiveai@111/python-sdk@222:pull_request',
    ]);
  });

  it('joins the reasons of events that present the same subject', () => {
    const result = workflowJobSubjects({ on: { push: { branches: ['main'] }, schedule: [{ cron: '0 0 * * *' }] } }, REPO);
    expect(result.subjects).toEqual([{ value: `${P}ref:refs/heads/main`, reason: 'push to main; schedule (runs on main)', events: ['push', 'schedule'] }]);
  });

  it('cannot derive the subject of an environment given as an expression', () => {
    const result = workflowJobSubjects({ on: 'push', environment: '${{ inputs.env }}' }, REPO);
    expect(result.subjects).toEqual([]);
    expect(result.findings.map((f) => f.code)).toEqual(['environment-expression']);
  });

  it('fails when on: names no event', () => {
    expect(codes({ on: undefined })).toEqual(['no-trigger']);
  });
});
