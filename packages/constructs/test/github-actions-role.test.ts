import { parsePolicyDocument, type ResolvedConfig } from '@lockstep/model';
import type { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubActionsRole, GitHubOidcProvider } from '../src';
import { newStack, unacknowledgedFindings } from './support/cdk';
import { ROLES, environment, richConfig, role } from './support/fixtures';
import { evaluateTrustVerdict, simulateTrust } from './support/iam-simulator';
import { trustCases, type DenyKind } from './support/trust-cases';

/** One stack per environment with every Lockstep-managed role of it. */
function synth(config: ResolvedConfig, envName: string): { stack: Stack; template: Template } {
  const env = environment(config, envName);
  const stack = newStack(env);
  const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
  for (const r of config.roles.filter((x) => x.environment === envName && x.managedBy === 'lockstep')) {
    new GitHubActionsRole(stack, r.name, { role: r, provider });
  }
  return { stack, template: Template.fromStack(stack) };
}

const config = richConfig();
const testing = synth(config, 'testing');
const gov = synth(config, 'gov');
const resources = (t: Template) => t.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, unknown>; DependsOn?: string[] }>;

describe('GitHubActionsRole', () => {
  test.each([ROLES.pythonSdk, ROLES.immutable, ROLES.gov])('%s: the synthesized trust policy deep-equals the model\'s', (name) => {
    const r = role(config, name);
    const template = r.environment === 'gov' ? gov.template : testing.template;
    const resource = resources(template)[r.logicalId];
    expect(resource.Type).toBe('AWS::IAM::Role');
    // Byte for byte, key order included, as it is written to the template.
    expect(JSON.stringify(resource.Properties.AssumeRolePolicyDocument)).toBe(JSON.stringify(r.trustPolicy));
    // And read back as the checker reads a template.
    expect(parsePolicyDocument(JSON.stringify(resource))).toStrictEqual(r.trustPolicy);
  });

  test('takes name, path, session length, boundary and description from the model', () => {
    const r = role(config, ROLES.immutable);
    testing.template.hasResource('AWS::IAM::Role', {
      Properties: {
        RoleName: 'GitHubActionsOIDCRole-NewService',
        Path: '/ci/',
        MaxSessionDuration: 7200,
        PermissionsBoundary: 'arn:aws:iam::654654498014:policy/ci-boundary',
      },
    });
    expect(Object.keys(resources(testing.template))).toContain(r.logicalId);
    const plain = resources(testing.template)[role(config, ROLES.pythonSdk).logicalId].Properties;
    expect(plain).toEqual({
      AssumeRolePolicyDocument: role(config, ROLES.pythonSdk).trustPolicy,
      MaxSessionDuration: 3600,
      Path: '/',
      RoleName: 'GitHubActionsOIDCRole-PythonSDK',
    });
  });

  test('is created after the provider when the stack creates it, and depends on nothing when it is imported', () => {
    expect(resources(gov.template)[role(config, ROLES.gov).logicalId].DependsOn).toEqual(['GitHubOidcProvider']);
    expect(resources(testing.template)[role(config, ROLES.pythonSdk).logicalId].DependsOn).toBeUndefined();
  });

  test('has no cdk-nag AwsSolutions finding', () => {
    expect(unacknowledgedFindings(testing.stack)).toEqual([]);
    expect(unacknowledgedFindings(gov.stack)).toEqual([]);
  });

  test('refuses a role managed by Terraform', () => {
    const env = environment(config, 'testing');
    const stack = newStack(env);
    const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
    expect(() => new GitHubActionsRole(stack, 'Shared', { role: role(config, ROLES.shared), provider }))
      .toThrow(/managedBy: "terraform"; this stack creates only roles managed by "lockstep"/);
  });

  test('refuses a trust policy that names another account\'s provider', () => {
    const env = environment(config, 'testing');
    const stack = newStack(env);
    const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
    const r = role(config, ROLES.pythonSdk);
    const foreign = JSON.parse(JSON.stringify(r.trustPolicy).split('654654498014').join('111111111111'));
    expect(() => new GitHubActionsRole(stack, 'Role', { role: { ...r, trustPolicy: foreign }, provider }))
      .toThrow(/Principal.Federated: expected exactly the account's GitHub provider/);
  });
});

describe('the trust policy read back from the template, evaluated by evaluateTrust and by iam-simulate', () => {
  const roles = [ROLES.pythonSdk, ROLES.immutable, ROLES.gov].map((name) => role(config, name));
  const table = roles.flatMap((r) => {
    const template = r.environment === 'gov' ? gov.template : testing.template;
    const readBack = parsePolicyDocument(JSON.stringify(resources(template)[r.logicalId]));
    return trustCases(config, r).map((c) => ({ role: r.name, policy: readBack, c }));
  });

  test.each(table.map((t) => [t.role, t.c.expected, t.c.sub, t.c.kind ?? 'granted', t] as const))(
    '%s: %s %s (%s)',
    (_role, expected, _sub, _kind, { policy, c }) => {
      expect({ model: evaluateTrustVerdict(policy, c), iamSimulate: simulateTrust(policy, c) }).toEqual({ model: expected, iamSimulate: expected });
    },
  );

  test.each(roles.map((r) => [r.name, r] as const))('%s: every subject of its repositories is admitted, and every kind of near miss is tried', (_name, r) => {
    const cases = trustCases(config, r);
    for (const repo of config.repos.filter((x) => x.role === r.name)) {
      for (const subject of repo.subjects) {
        if (subject.operator === 'StringEquals') expect(cases).toContainEqual(expect.objectContaining({ sub: subject.value, expected: 'Allowed' }));
      }
    }
    const kinds = new Set(cases.filter((c) => c.expected !== 'Allowed').map((c) => c.kind));
    const expectedKinds: DenyKind[] = ['other-repository', 'other-branch', 'other-environment', 'letter-case', 'other-subject-format', 'wrong-audience', 'wrong-provider'];
    for (const kind of expectedKinds) expect(kinds).toContain(kind);
  });
});
