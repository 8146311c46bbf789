import { resolve, type LockstepConfig } from '@lockstep/model';

/**
 * Configs that resolve() must refuse because they can't be deployed: the deploy side knows why (IAM is
 * global per account, an account holds one provider, bucket names are global...), the model says so
 * before anything is synthesized, naming the field and the fix.
 */
function base(): LockstepConfig {
  return {
    github: { owner: 'honeyhiveai' },
    environments: { testing: { account: '654654498014', region: 'us-west-2' } },
    providers: { testing: 'import' },
    roles: { 'Role-A': { environment: 'testing', permissions: 'sam-lambda-testing' } },
    repos: { 'python-sdk': { role: 'Role-A', lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } } },
  };
}

function issuesOf(change: (c: LockstepConfig) => void) {
  const config = base();
  change(config);
  const result = resolve(config);
  return result.ok ? [] : result.issues;
}

describe('resolve() refuses a config that cannot be deployed', () => {
  test('accepts the base config', () => {
    expect(issuesOf(() => undefined)).toEqual([]);
  });

  test('two roles whose names differ only in case (IAM role names are unique ignoring case)', () => {
    const issues = issuesOf((c) => {
      c.roles['role-a'] = { environment: 'testing', managedBy: 'terraform' };
      c.repos.other = { role: 'role-a', subjects: { branches: ['main'] } };
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: 'roles.role-a', message: expect.stringMatching(/unique ignoring case.*rename/) }));
  });

  test('a trust policy over the IAM quota, naming the quota to raise', () => {
    const issues = issuesOf((c) => {
      c.repos['python-sdk'].subjects = { branches: Array.from({ length: 60 }, (_, i) => `branch-number-${i}-with-a-long-name`) };
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: 'roles.Role-A', message: expect.stringMatching(/over the quota of 2048.*L-C07B4B0D/) }));
  });

  test('two environments of one account that both create the provider', () => {
    const issues = issuesOf((c) => {
      c.environments.other = { account: '654654498014', region: 'us-east-1' };
      c.providers = { testing: 'create', other: 'create' };
    });
    // Not "set one of them to import": one environment creating the provider while another of the account
    // imports it is refused too (next test), so the provider is created outside the stacks and both import it.
    expect(issues).toContainEqual(expect.objectContaining({ path: expect.stringMatching(/^providers\./), message: expect.stringMatching(/set both to "import"/) }));
  });

  test('a provider to create in an account where another environment says it exists (import)', () => {
    const issues = issuesOf((c) => {
      c.environments.other = { account: '654654498014', region: 'us-east-1' };
      c.providers = { testing: 'import', other: 'create' };
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: expect.stringMatching(/^providers\.(other|testing)$/) }));
  });

  test('two environments in one account and region (their stacks would both create the artifact bucket)', () => {
    const issues = issuesOf((c) => {
      c.environments.other = { account: '654654498014', region: 'us-west-2' };
      c.providers = { testing: 'import', other: 'import' };
      c.roles['Role-B'] = { environment: 'other', permissions: 'sam-lambda-testing' };
      c.repos.other = { role: 'Role-B', lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } };
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: expect.stringMatching(/^environments\.(other|testing)$/) }));
  });

  test('test stacks of two repositories that sanitize to the same stack prefix (my.app and my_app)', () => {
    const issues = issuesOf((c) => {
      c.roles['Role-B'] = { environment: 'testing', permissions: 'sam-lambda-testing' };
      c.repos['my.app'] = { role: 'Role-A', lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } };
      c.repos['my_app'] = { role: 'Role-B', lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } };
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: 'repos.my_app', message: expect.stringMatching(/IAM scope/) }));
  });

  test('accepts python beside python-sdk on another role: "lockstep-python--*" can\'t cover "lockstep-python-sdk--…"', () => {
    const issues = issuesOf((c) => {
      c.roles['Role-B'] = { environment: 'testing', permissions: 'sam-lambda-testing' };
      c.repos.python = { role: 'Role-B', lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } };
    });
    expect(issues.filter((i) => /IAM scope/.test(i.message))).toEqual([]);
  });

  test('a role name too long for its execution role (<role>-CfnExec, 64 characters)', () => {
    const issues = issuesOf((c) => {
      const name = 'R'.repeat(60);
      c.roles[name] = c.roles['Role-A'];
      delete c.roles['Role-A'];
      c.repos['python-sdk'].role = name;
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: `roles.${'R'.repeat(60)}`, message: expect.stringMatching(/at most 56/) }));
  });

  test('a configured role named like another role\'s execution role (IAM names collide)', () => {
    const issues = issuesOf((c) => {
      c.roles['role-a-cfnexec'] = { environment: 'testing', managedBy: 'terraform' };
      c.repos.other = { role: 'role-a-cfnexec', subjects: { branches: ['main'] } };
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: 'roles.role-a-cfnexec' }));
  });

  test('a sam-lambda-testing role with no repository that has lambdaTests (nothing to scope its permissions to)', () => {
    const issues = issuesOf((c) => {
      c.repos['python-sdk'] = { role: 'Role-A', subjects: { branches: ['main'] } };
    });
    expect(issues).toContainEqual(expect.objectContaining({ path: expect.stringMatching(/^(roles\.Role-A|repos\.python-sdk)/) }));
  });
});
