import { parsePolicyDocument, resolveOrThrow, type ResolvedConfig } from '@lockstep/model';
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { App } from 'aws-cdk-lib';
import { environmentCreatesResources } from '@lockstep/model';
import { EnvironmentStack, createInfraApp, synthesizeInfra } from '../src';
import { evaluateTrustVerdict, simulateTrust } from '../../../packages/constructs/test/support/iam-simulator';
import { trustCases } from '../../../packages/constructs/test/support/trust-cases';
import { defaultConfig, optionAInput, withMoreEnvironments } from './support/configs';

const A = '654654498014';
const SDK = 'GitHubActionsOIDCRole-PythonSDK';
const EXEC = `arn:aws:iam::${A}:role/${SDK}-CfnExec`;
const BOUNDARY = `arn:aws:iam::${A}:policy/${SDK}-FunctionBoundary`;
const BUCKET = `lockstep-artifacts-${A}-us-west-2`;

const config = defaultConfig();
const sdk = config.roles.find((r) => r.name === SDK)!;
const template = Template.fromStack(createInfraApp(config).node.children.filter(Stack.isStack)[0]);
const resources = template.toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;

describe('EnvironmentStack (default config): every resource', () => {
  test('the GitHub role: the model\'s trust policy, name, path and session length, nothing else', () => {
    expect(resources[sdk.logicalId]).toEqual({
      Type: 'AWS::IAM::Role',
      Properties: { AssumeRolePolicyDocument: sdk.trustPolicy, MaxSessionDuration: 3600, Path: '/', RoleName: SDK },
    });
  });

  test('the GitHub role\'s policy: change sets of its stacks through one execution role, its artifacts, its functions and logs', () => {
    template.hasResourceProperties('AWS::IAM::Policy', {
      PolicyName: 'lockstep-sam-lambda-testing',
      Roles: [{ Ref: sdk.logicalId }],
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'CreateChangeSetsOfTestStacks',
            Effect: 'Allow',
            Action: 'cloudformation:CreateChangeSet',
            Resource: [`arn:aws:cloudformation:us-west-2:${A}:stack/lockstep-python-sdk-*/*`, 'arn:aws:cloudformation:us-west-2:aws:transform/Serverless-2016-10-31'],
            Condition: { StringEquals: { 'cloudformation:RoleArn': [EXEC] }, StringLike: { 'cloudformation:ChangeSetName': ['samcli-deploy*'] } },
          },
          {
            Sid: 'RunAndInspectTestStacks',
            Effect: 'Allow',
            Action: [
              'cloudformation:DeleteStack', 'cloudformation:DescribeChangeSet', 'cloudformation:DescribeStackEvents',
              'cloudformation:DescribeStackResource', 'cloudformation:DescribeStackResources', 'cloudformation:DescribeStacks',
              'cloudformation:ExecuteChangeSet', 'cloudformation:GetTemplate', 'cloudformation:GetTemplateSummary', 'cloudformation:ListStackResources',
            ],
            Resource: `arn:aws:cloudformation:us-west-2:${A}:stack/lockstep-python-sdk-*/*`,
          },
          {
            Sid: 'PassExecutionRoleToCloudFormation',
            Effect: 'Allow',
            Action: 'iam:PassRole',
            Resource: EXEC,
            Condition: { StringEquals: { 'iam:PassedToService': ['cloudformation.amazonaws.com'] } },
          },
          { Sid: 'ReadWriteOwnArtifacts', Effect: 'Allow', Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::${BUCKET}/python-sdk/*` },
          { Sid: 'ListOwnArtifacts', Effect: 'Allow', Action: 's3:ListBucket', Resource: `arn:aws:s3:::${BUCKET}`, Condition: { StringLike: { 's3:prefix': ['python-sdk/*'] } } },
          {
            Sid: 'InvokeTestFunctions',
            Effect: 'Allow',
            Action: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
            Resource: `arn:aws:lambda:us-west-2:${A}:function:lockstep-python-sdk-*`,
          },
          {
            Sid: 'ReadTestFunctionLogs',
            Effect: 'Allow',
            Action: ['logs:DescribeLogStreams', 'logs:FilterLogEvents', 'logs:GetLogEvents'],
            Resource: `arn:aws:logs:us-west-2:${A}:log-group:/aws/lambda/lockstep-python-sdk-*`,
          },
        ],
      },
    });
  });

  test('the execution role: trusted by CloudFormation only, managing functions, bounded function roles and log groups of the prefix', () => {
    const exec = resources[`${sdk.logicalId}CfnExecutionRole`].Properties;
    expect(exec.RoleName).toBe(`${SDK}-CfnExec`);
    expect(exec.Path).toBe('/');
    expect(exec.AssumeRolePolicyDocument.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    const statements = exec.Policies[0].PolicyDocument.Statement as Array<Record<string, any>>;
    expect(statements.map((s) => [s.Sid, s.Resource])).toEqual([
      ['ManageTestFunctions', `arn:aws:lambda:us-west-2:${A}:function:lockstep-python-sdk-*`],
      ['ReadOwnArtifacts', `arn:aws:s3:::${BUCKET}/python-sdk/*`],
      ['ManageFunctionRolesUnderBoundary', `arn:aws:iam::${A}:role/lockstep-python-sdk-*`],
      ['ReadAndTagFunctionRoles', `arn:aws:iam::${A}:role/lockstep-python-sdk-*`],
      ['PassFunctionRolesToLambda', `arn:aws:iam::${A}:role/lockstep-python-sdk-*`],
      ['ManageFunctionLogGroups', `arn:aws:logs:us-west-2:${A}:log-group:/aws/lambda/lockstep-python-sdk-*`],
      ['DescribeLogGroups', '*'],
    ]);
    expect(statements[2].Condition).toEqual({ StringEquals: { 'iam:PermissionsBoundary': [BOUNDARY] } });
    expect(statements[4].Condition).toEqual({ StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } });
    expect(statements.flatMap((s) => s.Action)).not.toContainEqual(expect.stringContaining('*'));
  });

  test('the function boundary: a function may write its own logs, nothing else', () => {
    template.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      ManagedPolicyName: `${SDK}-FunctionBoundary`,
      Path: '/',
      PolicyDocument: {
        Version: '2012-10-17',
        Statement: [{
          Sid: 'WriteOwnLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: `arn:aws:logs:us-west-2:${A}:log-group:/aws/lambda/lockstep-python-sdk-*`,
        }],
      },
    });
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
      const stack = stacks.find((s) => s.environment === r.environment)!;
      const policy = parsePolicyDocument(JSON.stringify((stack.template.Resources as Record<string, unknown>)[r.logicalId]));
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
