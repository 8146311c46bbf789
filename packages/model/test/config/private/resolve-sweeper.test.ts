import { evaluateTrust } from '../../../src/github/evaluate-trust';
import { AUD_KEY, SUB_KEY } from '../../../src/github/github-oidc';
import { configWith, expectIssue, issuesOf, resolved } from '../../support/configs';

const withSweeper = (extra: Record<string, unknown> = {}) => configWith((c) => {
  c.sweeper = { repo: 'platform', ...extra };
  c.environments.staging = { account: '222222222222', region: 'eu-west-1' };
  c.roles['ext-role'] = { environment: 'staging', managedBy: 'external' };
  c.repos.other = { role: 'ext-role', subjects: { branches: ['main'] } };
});

describe('sweeper', () => {
  test('one test-stack-sweeper role per environment with sam-lambda-testing repositories, trusting only the sweeper environment subject', () => {
    const config = resolved(withSweeper());
    const roles = config.roles.filter((r) => r.permissions === 'test-stack-sweeper');
    // staging has only a role managed elsewhere: no stacks of Lockstep's there, so no sweeper role.
    expect(roles.map((r) => r.name)).toEqual(['LockstepSweeper-testing']);
    const role = roles[0];
    expect(role).toMatchObject({ managedBy: 'lockstep', environment: 'testing', repos: ['platform'], arn: 'arn:aws:iam::111111111111:role/LockstepSweeper-testing' });
    expect(role.subjects.map((s) => s.value)).toEqual(['repo:acme/platform:environment:lockstep-sweeper']);
    expect(config.sweeper).toEqual({
      repo: 'platform', fullName: 'acme/platform', schedule: '17 * * * *', maxAgeHours: 6, githubEnvironment: 'lockstep-sweeper', defaultBranch: 'main',
      targets: [{ environment: 'testing', account: '111111111111', region: 'us-west-2', audience: 'sts.amazonaws.com', roleName: 'LockstepSweeper-testing', roleArn: role.arn, repos: [{ name: 'app', stackPrefix: 'lockstep-app--' }] }],
    });
    const provider = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
    const asks = (sub: string) => evaluateTrust(role.trustPolicy, { claims: { [SUB_KEY]: sub, [AUD_KEY]: 'sts.amazonaws.com' }, principal: provider }).decision;
    expect(asks('repo:acme/platform:environment:lockstep-sweeper')).toBe('allow');
    // A scheduled run without the environment presents the default branch's ref, like any push to main: refused.
    expect(asks('repo:acme/platform:ref:refs/heads/main')).not.toBe('allow');
    expect(asks('repo:acme/app:environment:lockstep-sweeper')).not.toBe('allow');
  });

  test('a ":" in the GitHub environment is sent as %3A in sub', () => {
    const config = resolved(withSweeper({ githubEnvironment: 'ops:sweep' }));
    expect(config.roles.find((r) => r.permissions === 'test-stack-sweeper')!.subjects[0].value).toBe('repo:acme/platform:environment:ops%3Asweep');
  });

  test('maxAgeHours must be longer than the longest lambdaTests job, naming both fields', () => {
    const config = configWith((c) => {
      c.sweeper = { repo: 'platform', maxAgeHours: 2 };
      c.repos.app.lambdaTests!.timeoutMinutes = 120;
    });
    expectIssue(config, 'sweeper.maxAgeHours', /^2 hours is not longer than repos\.app\.lambdaTests\.timeoutMinutes \(120 minutes\).*at least 3/);
    expect(resolved(configWith((c) => {
      c.sweeper = { repo: 'platform' };
      c.repos.app.lambdaTests!.timeoutMinutes = 360;
    })).sweeper!.maxAgeHours).toBe(7);
    expectIssue(configWith((c) => { c.sweeper = { repo: 'platform', maxAgeHours: 1.5 }; }), 'sweeper.maxAgeHours', /not a whole number/);
  });

  test('refuses a bad repository, schedule, environment name, a role name taken, or nothing to sweep', () => {
    expectIssue(configWith((c) => { c.sweeper = { repo: 'acme/platform' }; }), 'sweeper.repo', /write just the name: "platform"/);
    expectIssue(configWith((c) => { c.sweeper = { repo: 'platform', schedule: 'hourly' }; }), 'sweeper.schedule', /not a cron expression/);
    expectIssue(configWith((c) => { c.sweeper = { repo: 'platform', githubEnvironment: 'x'.repeat(256) }; }), 'sweeper.githubEnvironment', /1–255 characters/);
    expectIssue(configWith((c) => {
      c.sweeper = { repo: 'platform' };
      c.roles['LockstepSweeper-testing'] = { environment: 'testing', managedBy: 'external' };
    }), 'roles.LockstepSweeper-testing', /sweeper's role/);
    expectIssue(configWith((c) => {
      c.sweeper = { repo: 'platform' };
      c.roles['ci-role'] = { environment: 'testing', managedBy: 'external' };
    }), 'sweeper', /no test stacks to sweep/);
  });

  test('the profile cannot be written in a config', () => {
    expect(issuesOf(configWith((c) => { (c.roles['ci-role'] as { permissions: string }).permissions = 'test-stack-sweeper'; })).map((i) => i.path)).toContain('roles.ci-role.permissions');
  });
});
