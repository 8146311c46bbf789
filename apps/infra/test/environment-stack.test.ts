import { parsePolicyDocument, policyJson, resolveOrThrow, samTestingPermissions, type ResolvedConfig } from '@lockstep/model';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { App } from 'aws-cdk-lib';
import { environmentCreatesResources } from '@lockstep/model';
import { EnvironmentStack, synthesizeInfra } from '../src';
import { evaluateTrustVerdict, simulateTrust } from '../../../packages/constructs/test/support/iam-simulator';
import { trustCases } from '../../../packages/constructs/test/support/trust-cases';
import { defaultConfig, environmentTemplate, optionAInput, withMoreEnvironments } from './support/configs';

const A = '654654498014';
const SDK = 'GitHubActionsOIDCRole-PythonSDK';
const EXEC = `arn:aws:iam::${A}:role/${SDK}-CfnExec`;
const BOUNDARY = `arn:aws:iam::${A}:policy/${SDK}-FunctionBoundary`;
const BUCKET = `lockstep-artifacts-${A}-us-west-2`;

const config = defaultConfig();
const sdk = config.roles.find((r) => r.name === SDK)!;
const template = Template.fromJSON(environmentTemplate(synthesizeInfra(config).stacks, 'testing'));
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;

describe('EnvironmentStack (default config): every resource', () => {
  test('the GitHub role: the model\'s trust policy, name, path and session length, nothing else', () => {
    expect(resources[sdk.logicalId]).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: sdk.trustPolicy, MaxSessionDuration: 3600, Path: '/', RoleName: SDK },
    });
  });

  // The statements are the model's profile (packages/model/src/plan/sam-testing-profile.ts, whose tests pin them);
  // here: the synthesized template carries exactly them, on the right resources.
  const profile = samTestingPermissions({
    partition: 'aws',
    account: A,
    region: 'us-west-2',
    repos: [{ name: 'python-sdk', stackPrefix: 'lockstep-python-sdk--', artifactPrefix: 'python-sdk/' }],
    artifactBucket: BUCKET,
    executionRoleArn: EXEC,
    functionBoundaryArn: BOUNDARY,
  });
  const listed = (doc: { Statement: Array<Record<string, unknown>> }) => doc.Statement.map((st) => ({
    ...st,
    Action: ([] as unknown[]).concat(st.Action),
    Resource: ([] as unknown[]).concat(st.Resource),
  }));

  test('the GitHub role\'s policy: change sets of its stacks through one execution role, its artifacts, its functions and logs', () => {
    const policy = Object.values(resources).find((r) => r.Type === 'AWS::IAM::Policy' && r.Properties.PolicyName === 'lockstep-sam-lambda-testing')!;
    expect(policy.Properties.Roles).toEqual([{ Ref: sdk.logicalId }]);
    expect(listed(policy.Properties.PolicyDocument)).toEqual(listed(policyJson(profile.githubRole) as never));
    const create = policy.Properties.PolicyDocument.Statement[0];
    expect(create.Resource).toBe(`arn:aws:cloudformation:us-west-2:${A}:stack/lockstep-python-sdk--*/*`);
    expect(create.Condition.StringEquals).toEqual({ 'cloudformation:RoleArn': [EXEC], 'aws:RequestTag/lockstep:repository': ['python-sdk'] });
  });

  test('the execution role: trusted by CloudFormation only, with the profile\'s statements', () => {
    const exec = resources[`${sdk.logicalId}CfnExecutionRole`].Properties;
    expect(exec.RoleName).toBe(`${SDK}-CfnExec`);
    expect(exec.Path).toBe('/');
    expect(exec.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    expect(listed(exec.Policies[0].PolicyDocument)).toEqual(listed(policyJson(profile.executionRole) as never));
    const statements = exec.Policies[0].PolicyDocument.Statement as Array<Record<string, any>>;
    expect(statements.filter((st) => st.Effect === 'Allow').flatMap((st) => st.Action)).not.toContainEqual(expect.stringContaining('*'));
    const reads = resources[`${sdk.logicalId}CfnExecutionReads`].Properties;
    expect(reads.ManagedPolicyName).toBe(`${SDK}-CfnExecReads`);
    expect(reads.Roles).toEqual([{ Ref: `${sdk.logicalId}CfnExecutionRole` }]);
    expect(listed(reads.PolicyDocument)).toEqual(listed(policyJson(profile.executionRoleReads) as never));
  });

  test('the function boundary: the profile\'s boundary statements', () => {
    const boundary = Object.values(resources).find((r) => r.Type === 'AWS::IAM::ManagedPolicy' && r.Properties.ManagedPolicyName === `${SDK}-FunctionBoundary`)!;
    expect(boundary.Properties.Path).toBe('/');
    expect(listed(boundary.Properties.PolicyDocument)).toEqual(listed(policyJson(profile.functionBoundary) as never));
  });

  test('the artifact bucket: encrypted, TLS only, private, expiring, retained', () => {
    template.hasResource('AWS::S3::Bucket', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BucketName: BUCKET,
        BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] },
        PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
        LifecycleConfiguration: { Rules: [Match.objectLike({ ExpirationInDays: 7, Status: 'Enabled' })] },
      }),
    });
    template.hasResourceProperties('AWS::S3::BucketPolicy', {
      PolicyDocument: {
        Statement: [
          Match.objectLike({ Effect: 'Deny', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
          Match.objectLike({ Effect: 'Deny', Condition: { NumericLessThan: { 's3:TlsVersion': 1.2 } } }),
        ],
      },
    });
  });

  test('no OIDC provider (imported), no role for the Terraform-managed shared role', () => {
    template.resourceCountIs('AWS::IAM::OIDCProvider', 0);
    template.resourceCountIs('AWS::IAM::Role', 2);
    template.resourcePropertiesCountIs('AWS::IAM::Role', { RoleName: 'GitHubActionsOIDCRoleDeployments-testing' }, 0);
  });
});

describe('trust policies read back from the synthesized templates, evaluated by evaluateTrust and by iam-simulate', () => {
  const multi = resolveOrThrow(withMoreEnvironments());
  const stacks = synthesizeInfra(multi).stacks;
  const table = (c: ResolvedConfig) => c.roles
    .filter((r) => r.managedBy === 'lockstep')
    .flatMap((r) => {
      const policy = parsePolicyDocument(JSON.stringify(environmentTemplate(stacks, r.environment).Resources[r.logicalId]));
      return trustCases(c, r).map((t) => [r.name, t.expected, t.sub, t.kind ?? 'granted', { policy, t }] as const);
    });

  test.each(table(multi))('%s: %s %s (%s)', (_role, expected, _sub, _kind, { policy, t }) => {
    expect({ model: evaluateTrustVerdict(policy, t), iamSimulate: simulateTrust(policy, t) }).toEqual({ model: expected, iamSimulate: expected });
  });

  test('covers every generated workflow subject of the default config', () => {
    const rows = table(multi).filter(([role]) => role === SDK);
    for (const sub of config.repos.find((r) => r.name === 'python-sdk')!.lambdaTests!.subjects) {
      expect(rows).toContainEqual(expect.arrayContaining([SDK, 'Allowed', sub]));
    }
    expect(rows.filter(([, expected]) => expected !== 'Allowed').length).toBeGreaterThan(20);
  });
});

describe('EnvironmentStack: an environment with nothing to create', () => {
  const optionA = resolveOrThrow(optionAInput());

  test('has something to create with a Lockstep-managed role, or a provider to create', () => {
    expect(environmentCreatesResources(config, config.environments[0])).toBe(true);
    const creating = resolveOrThrow({ ...optionAInput(), providers: { testing: 'create' } });
    expect(environmentCreatesResources(creating, creating.environments[0])).toBe(true);
  });

  test('has nothing to create when its provider is imported and every role of it is managed elsewhere', () => {
    expect(environmentCreatesResources(optionA, optionA.environments[0])).toBe(false);
  });

  test('refuses to build a stack without resources, which CloudFormation would refuse to deploy', () => {
    expect(() => new EnvironmentStack(new App(), { config: optionA, environment: optionA.environments[0] })).toThrow(/environment "testing" has nothing to create/);
  });
});
