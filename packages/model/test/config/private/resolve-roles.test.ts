import type { RoleConfig } from '../../../src/config/config';
import { configWith, expectIssue, resolved } from '../../support/configs';

/** The valid config with its one role (`ci-role`) renamed to `name`. */
function withRoleName(name: string, role: Partial<RoleConfig> = {}) {
  return configWith((c) => {
    c.roles = { [name]: { ...c.roles['ci-role'], ...role } };
    c.repos.app.role = name;
  });
}

describe('roles', () => {
  test('fails when a role name is longer than 64 characters', () => {
    expectIssue(withRoleName('r'.repeat(65), { managedBy: 'external', permissions: undefined }), `roles.${'r'.repeat(65)}`, /has 65 characters; expected at most 64/);
  });

  test('accepts a role name of 64 characters', () => {
    expect(resolved(withRoleName('r'.repeat(64), { managedBy: 'external', permissions: undefined })).roles[0].name).toHaveLength(64);
  });

  test('fails when a sam-lambda-testing role name leaves no room for its execution role name', () => {
    expectIssue(withRoleName('r'.repeat(57)), `roles.${'r'.repeat(57)}`, /has 57 characters; expected at most 56 \(its CloudFormation execution role is named ".*-CfnExec", and IAM allows 64\)/);
  });

  test('accepts a sam-lambda-testing role name of 56 characters', () => {
    expect(resolved(withRoleName('r'.repeat(56))).roles[0].samTesting?.executionRoleName).toHaveLength(64);
  });

  test.each(['my role', 'role/x', 'rôle', 'role:x'])('fails when a role name has characters IAM refuses (%p)', (name) => {
    expectIssue(withRoleName(name), `roles[${JSON.stringify(name)}]`, /is not a valid IAM role name; expected only letters, digits and "\+=,\.@_-"/);
  });

  test('accepts every character IAM allows in a role name', () => {
    expect(resolved(withRoleName('a_b+c=d,e.f@g-h')).roles[0].arn).toBe('arn:aws:iam::111111111111:role/a_b+c=d,e.f@g-h');
  });

  test('fails when two role names differ only in case', () => {
    expectIssue(
      configWith((c) => { c.roles['CI-Role'] = { environment: 'testing', managedBy: 'external' }; c.repos.web = { role: 'CI-Role', subjects: { pullRequest: true } }; }),
      'roles.ci-role',
      /"ci-role" collides with "CI-Role": IAM role names are unique ignoring case/,
    );
  });

  test('fails when a role is named like the execution role of a sam-lambda-testing role, ignoring case', () => {
    expectIssue(
      configWith((c) => { c.roles['CI-ROLE-cfnexec'] = { environment: 'testing', managedBy: 'external' }; c.repos.web = { role: 'CI-ROLE-cfnexec', subjects: { pullRequest: true } }; }),
      'roles.CI-ROLE-cfnexec',
      /^"CI-ROLE-cfnexec" collides with "ci-role-CfnExec", the CloudFormation execution role of the sam-lambda-testing role "ci-role": IAM role names are unique ignoring case; rename "CI-ROLE-cfnexec" \(or "ci-role"\)$/,
    );
  });

  test('fails when a role no repository uses yet is named like an execution role', () => {
    expectIssue(configWith((c) => { c.roles['ci-role-CfnExec'] = { environment: 'testing', managedBy: 'external' }; }), 'roles.ci-role-CfnExec', /collides with "ci-role-CfnExec", the CloudFormation execution role/);
  });

  test('accepts a role named like the execution role of a role without the sam-lambda-testing profile', () => {
    const config = resolved(configWith((c) => {
      c.roles.shared = { environment: 'testing', managedBy: 'terraform' };
      c.roles['shared-CfnExec'] = { environment: 'testing', managedBy: 'external' };
      c.repos.web = { role: 'shared-CfnExec', subjects: { pullRequest: true } };
    }));
    expect(config.roles.map((r) => r.name)).toContain('shared-CfnExec');
  });

  test('fails when a role names an unknown environment, and lists the configured ones', () => {
    expectIssue(configWith((c) => { c.roles['ci-role'].environment = 'prod'; }), 'roles.ci-role.environment', /"prod" is not a configured environment; expected one of "testing"/);
  });

  test('suggests the configured environment a role\'s environment is cut short from', () => {
    expectIssue(configWith((c) => { c.roles['ci-role'].environment = 'test'; }), 'roles.ci-role.environment', /^"test" is not a configured environment; did you mean "testing"\?; expected one of "testing"$/);
  });

  test.each(['ci', '/ci', 'ci/', '//', '/a//b/'])('fails when a path is not /…/ (%p)', (path) => {
    expectIssue(configWith((c) => { c.roles['ci-role'].path = path; }), 'roles.ci-role.path', /is not an IAM path; expected "\/" or "\/segment\/…\/"/);
  });

  test('fails when a path is longer than 512 characters', () => {
    expectIssue(configWith((c) => { c.roles['ci-role'].path = `/${'p'.repeat(511)}/`; }), 'roles.ci-role.path', /has 513 characters; expected at most 512/);
  });

  test('puts the path into the role ARN and the SAM testing ARNs', () => {
    const [role] = resolved(configWith((c) => { c.roles['ci-role'].path = '/github/ci/'; })).roles;
    expect(role.arn).toBe('arn:aws:iam::111111111111:role/github/ci/ci-role');
    expect(role.samTesting?.executionRoleArn).toBe('arn:aws:iam::111111111111:role/github/ci/ci-role-CfnExec');
    expect(role.samTesting?.functionBoundaryArn).toBe('arn:aws:iam::111111111111:policy/github/ci/ci-role-FunctionBoundary');
  });

  test('fails when a Lockstep-managed role has no permission profile', () => {
    expectIssue(configWith((c) => { delete c.roles['ci-role'].permissions; }), 'roles.ci-role.permissions', /missing; a role that Lockstep manages needs a permission profile/);
  });

  test('fails when a role managed elsewhere has a permission profile', () => {
    expectIssue(configWith((c) => { c.roles['ci-role'].managedBy = 'terraform'; }), 'roles.ci-role.permissions', /is not allowed on a role managed by "terraform"/);
  });

  test('accepts a role managed by Terraform without permissions, and gives it no SAM testing names', () => {
    const config = resolved(configWith((c) => { c.roles['ci-role'] = { environment: 'testing', managedBy: 'terraform' }; }));
    expect(config.roles[0].samTesting).toBeUndefined();
    expect(config.environments[0].artifactBucket).toBeUndefined();
    expect(config.repos[0].lambdaTests?.artifactBucket).toBeUndefined();
  });

  test.each([3599, 43201, 3600.5, 0])('fails when maxSessionDuration is %p', (seconds) => {
    expectIssue(configWith((c) => { c.roles['ci-role'].maxSessionDuration = seconds; }), 'roles.ci-role.maxSessionDuration', /is out of range; expected a whole number of seconds from 3600 to 43200/);
  });

  test.each([3600, 43200])('accepts maxSessionDuration %p', (seconds) => {
    expect(resolved(configWith((c) => { c.roles['ci-role'].maxSessionDuration = seconds; })).roles[0].maxSessionDuration).toBe(seconds);
  });

  test('fails when a permissions boundary is in another partition', () => {
    expectIssue(
      configWith((c) => { c.roles['ci-role'].permissionsBoundary = 'arn:aws-cn:iam::111111111111:policy/Boundary'; }),
      'roles.ci-role.permissionsBoundary',
      /is in partition "aws-cn", but the role's region is in "aws"/,
    );
  });

  test('fails when a permissions boundary is in another account', () => {
    expectIssue(
      configWith((c) => { c.roles['ci-role'].permissionsBoundary = 'arn:aws:iam::222222222222:policy/Boundary'; }),
      'roles.ci-role.permissionsBoundary',
      /is in account "222222222222", but the role is in "111111111111"/,
    );
  });

  test('fails when a permissions boundary is not a policy ARN', () => {
    expectIssue(configWith((c) => { c.roles['ci-role'].permissionsBoundary = 'Boundary'; }), 'roles.ci-role.permissionsBoundary', /is not a managed policy ARN/);
  });

  test.each(['arn:aws:iam::111111111111:policy/Boundary', 'arn:aws:iam::111111111111:policy/team/Boundary', 'arn:aws:iam::aws:policy/PowerUserAccess'])(
    'accepts the permissions boundary %p', (arn) => {
      expect(resolved(configWith((c) => { c.roles['ci-role'].permissionsBoundary = arn; })).roles[0].permissionsBoundary).toBe(arn);
    });

  test.each([0, 4097, 2048.5])('fails when trustPolicyQuota is %p', (quota) => {
    expectIssue(configWith((c) => { c.roles['ci-role'].trustPolicyQuota = quota; }), 'roles.ci-role.trustPolicyQuota', /is out of range; expected a whole number of characters from 1 to 4096/);
  });

  test('defaults the path, session duration and quota', () => {
    expect(resolved(configWith(() => undefined)).roles[0]).toMatchObject({ path: '/', maxSessionDuration: 3600, trustPolicyQuota: 2048, managedBy: 'lockstep' });
  });

  test('keeps the description', () => {
    expect(resolved(configWith((c) => { c.roles['ci-role'].description = 'CI tests'; })).roles[0].description).toBe('CI tests');
  });
});
