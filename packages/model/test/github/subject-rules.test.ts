import { runSubject } from '../../src/github/run-subject';
import { lambdaTestsSubjectContexts } from '../../src/github/subjects';
import { DEFAULT_BRANCH_EVENTS, subjectRule } from '../../src/github/subject-rules';
import { resolveTriggers } from '../../src/github/triggers';
import { workflowJobSubjects } from '../../src/github/workflow-job-subjects';

const repository = { owner: 'honeyhiveai', repo: 'python-sdk' };
const options = { repository, format: 'legacy' as const, defaultBranch: 'main' };
/** IAM StringLike: `*` spans any run of characters. */
const admits = (pattern: string, value: string) => new RegExp(`^${pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`).test(value);

describe('one precedence for generation, check and explain', () => {
  test('environment beats pull_request beats ref', () => {
    expect(subjectRule('pull_request', 'prod')).toBe('environment');
    expect(subjectRule('pull_request', undefined)).toBe('pull_request');
    expect(subjectRule('push', undefined)).toBe('ref');
    expect(subjectRule('schedule', undefined)).toBe('ref');
  });

  // For each run, the workflow file with only that event (as check reads it) must present the sub that
  // explain says the run's token carries.
  const runs: { event: string; on: unknown; ref?: string; environment?: string }[] = [
    { event: 'pull_request', on: { pull_request: {} } },
    { event: 'push', on: { push: { branches: ['main'] } }, ref: 'refs/heads/main' },
    { event: 'push', on: { push: { tags: ['v*'] } }, ref: 'refs/tags/v1.2.0' },
    { event: 'push', on: { push: { branches: ['release/*'] } }, ref: 'refs/heads/release/2026' },
    { event: 'release', on: { release: { types: ['published'] } }, ref: 'refs/tags/v2' },
    { event: 'pull_request', on: { pull_request: {} }, environment: 'integration' },
    { event: 'push', on: { push: { branches: ['main'] } }, ref: 'refs/heads/main', environment: 'prod:blue' },
    ...DEFAULT_BRANCH_EVENTS.map((event) => ({ event, on: { [event]: null }, ref: 'refs/heads/feature' })),
  ];
  test.each(runs.map((r) => [`${r.event}${r.environment ? ` in ${r.environment}` : ''} on ${r.ref ?? '-'}`, r] as const))(
    'check admits what explain presents: %s',
    (_name, r) => {
      const presented = runSubject({ event: r.event, ref: r.ref, environment: r.environment }, options).values;
      const derived = workflowJobSubjects({ on: r.on, environment: r.environment }, options).subjects.map((s) => s.value);
      for (const value of presented) expect({ value, admitted: derived.some((d) => admits(d, value)) }).toEqual({ value, admitted: true });
    },
  );

  test('generation agrees with check on every trigger the config can write', () => {
    const triggers = resolveTriggers({ pullRequest: true, push: { branches: ['main'], tags: ['v*'] }, workflowDispatch: true, schedule: ['0 3 * * *'] }, 'main');
    const generated = lambdaTestsSubjectContexts(triggers, undefined, 'main').map((c) => `repo:honeyhiveai/python-sdk:${c.context}`);
    const on = { pull_request: {}, push: { branches: ['main'], tags: ['v*'] }, workflow_dispatch: {}, schedule: [{ cron: '0 3 * * *' }] };
    const read = workflowJobSubjects({ on, if: "github.event_name != 'workflow_dispatch' || github.ref == 'refs/heads/main'" }, options).subjects.map((s) => s.value);
    expect([...new Set(generated)].sort()).toEqual(read);
  });

  test('an environment name with ":" is written %3A by all three', () => {
    const run = runSubject({ event: 'push', environment: 'prod:blue' }, options).values;
    const read = workflowJobSubjects({ on: { push: {} }, environment: 'prod:blue' }, options).subjects.map((s) => s.value);
    const generated = lambdaTestsSubjectContexts(resolveTriggers({ pullRequest: true }, 'main'), 'prod:blue', 'main').map((c) => `repo:honeyhiveai/python-sdk:${c.context}`);
    expect(run).toEqual(['repo:honeyhiveai/python-sdk:environment:prod%3Ablue']);
    expect(read).toEqual(run);
    expect(generated).toEqual(run);
  });
});
