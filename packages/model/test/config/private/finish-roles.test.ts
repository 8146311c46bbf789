import { configWith, expectIssue, issueLines, resolved } from '../../support/configs';

describe('roles, finished', () => {
  test('leaves out a role no repository is mapped to, and lists it as unused', () => {
    const config = resolved(configWith((c) => { c.roles.spare = { environment: 'testing', managedBy: 'external' }; }));
    expect(config.roles.map((r) => r.name)).not.toContain('spare');
    expect(config.unusedRoles).toEqual(['spare']);
  });

  test('still validates a role no repository is mapped to', () => {
    expectIssue(
      configWith((c) => { c.roles['spare role'] = { environment: 'testing', managedBy: 'external' }; }),
      'roles["spare role"]',
      /is not a valid IAM role name/,
    );
  });

  test('lists the repositories and subjects of a role, sorted', () => {
    const config = resolved(configWith((c) => { c.roles['ci-role'] = { environment: 'testing', managedBy: 'external' }; c.repos.zeta = { role: 'ci-role', subjects: { pullRequest: true } }; c.repos.alpha = { role: 'ci-role', subjects: { branches: ['dev'] } }; }));
    expect(config.roles[0].repos).toEqual(['alpha', 'app', 'zeta']);
    expect(config.roles[0].subjects.map((s) => s.value)).toEqual([
      'repo:acme/alpha:ref:refs/heads/dev',
      'repo:acme/app:pull_request',
      'repo:acme/app:ref:refs/heads/main',
      'repo:acme/zeta:pull_request',
    ]);
  });

  test('fails when the trust policy of one repository is over its quota, with the size, the quota and the fixes', () => {
    const config = configWith((c) => {
      c.repos.app.subjects = { branches: Array.from({ length: 60 }, (_, i) => `feature-${i}`) };
    });
    expectIssue(config, 'roles.ci-role', /^the trust policy has \d{4} characters \(without whitespace\), over the quota of 2048; trust fewer subjects for "app", whose subjects alone pass the quota \(e\.g\. one environment, or a branch pattern, instead of many branches\), or ask AWS to raise "Role trust policy length" \(quota L-C07B4B0D\) for account 111111111111 and then set trustPolicyQuota$/);
  });

  test('fails when a shared trust policy is over its quota, naming the split among the fixes', () => {
    const config = configWith((c) => {
      for (let r = 0; r < 12; r++) c.repos[`svc-${r}`] = { role: 'ci-role', subjects: { branches: Array.from({ length: 5 }, (_, i) => `feature-${i}`) } };
    });
    expectIssue(config, 'roles.ci-role', /^the trust policy has \d{4} characters \(without whitespace\), over the quota of 2048; move repositories to another role, set splitWhenOverQuota: true to spread them over numbered roles \("ci-role-1", "ci-role-2", …\), or ask AWS to raise "Role trust policy length" \(quota L-C07B4B0D\) for account 111111111111 and then set trustPolicyQuota$/);
  });

  test('accepts the same trust policy once the quota is raised', () => {
    const config = configWith((c) => {
      c.repos.app.subjects = { branches: Array.from({ length: 60 }, (_, i) => `feature-${i}`) };
      c.roles['ci-role'].trustPolicyQuota = 4096;
    });
    const [role] = resolved(config).roles;
    expect(role.trustPolicySize).toBeGreaterThan(2048);
    expect(role.trustPolicySize).toBeLessThanOrEqual(4096);
  });

  test('does not hold a trust policy to the default quota when the written quota is refused', () => {
    const config = configWith((c) => {
      c.repos.app.subjects = { branches: Array.from({ length: 60 }, (_, i) => `feature-${i}`) };
      Object.assign(c.roles['ci-role'], { trustPolicyQuota: '4096' });
    });
    expect(issueLines(config)).toEqual(['roles.ci-role.trustPolicyQuota: "4096" is a string; expected a number']);
  });

  test('does not report a trust policy over its quota when whether to split it is refused', () => {
    const config = configWith((c) => {
      for (let r = 0; r < 12; r++) c.repos[`svc-${r}`] = { role: 'ci-role', subjects: { branches: Array.from({ length: 5 }, (_, i) => `feature-${i}`) } };
      c.roles['ci-role'] = { environment: 'testing', managedBy: 'external' };
      Object.assign(c.roles['ci-role'], { splitWhenOverQuota: 'yes' });
    });
    expect(issueLines(config)).toEqual(['roles.ci-role.splitWhenOverQuota: "yes" is a string; expected true or false']);
  });

  test('derives a stable logical id from the role name', () => {
    expect(resolved(configWith(() => undefined)).roles[0].logicalId).toMatch(/^Rolecirole[0-9A-F]{8}$/);
  });

  test('gives the environment an artifact bucket when a role there runs SAM tests', () => {
    expect(resolved(configWith(() => undefined)).environments[0].artifactBucket).toBe('lockstep-artifacts-111111111111-us-west-2');
  });
});

describe('roles, finished: what a sam-lambda-testing role is scoped to', () => {
  test('fails when no repository of a sam-lambda-testing role has lambdaTests, naming them and the fixes', () => {
    expectIssue(
      configWith((c) => { c.repos.app = { role: 'ci-role', subjects: { branches: ['main'] } }; }),
      'roles.ci-role',
      /^has permissions "sam-lambda-testing", but none of its repositories \("app"\) has lambdaTests, so there are no test stacks to scope the permissions to; set managedBy: "external" \(or "terraform"\) and remove permissions .*, or add lambdaTests to the repository$/,
    );
  });

  test('fails when a repository without lambdaTests shares a sam-lambda-testing role with repositories that have them', () => {
    // Its workflows could assume the role and act on the test stacks and artifacts of "app", having none of their own.
    expectIssue(
      configWith((c) => { c.repos.infra = { role: 'ci-role', subjects: { branches: ['main'] } }; }),
      'repos.infra.role',
      /^"ci-role" has permissions "sam-lambda-testing", scoped to the test stacks and artifacts of its repositories with lambdaTests \("app"\); "infra" has no lambdaTests, so its workflows would act on their test stacks and artifacts.*; add lambdaTests to it, or map it to a role that other code manages/,
    );
  });

  test('accepts a repository with both lambdaTests and subjects on a sam-lambda-testing role', () => {
    const config = resolved(configWith((c) => { c.repos.app.subjects = { branches: ['release'] }; }));
    expect(config.roles[0].subjects.map((s) => s.value)).toContain('repo:acme/app:ref:refs/heads/release');
  });

  test('accepts repositories without lambdaTests on a role managed elsewhere', () => {
    const config = resolved(configWith((c) => {
      c.roles.shared = { environment: 'testing', managedBy: 'terraform' };
      c.repos.infra = { role: 'shared', subjects: { branches: ['main'] } };
    }));
    expect(config.roles.find((r) => r.name === 'shared')!.repos).toEqual(['infra']);
  });
});
