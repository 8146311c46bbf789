import type { ResolvedConfig, ResolvedRepo } from '@lockstep/model';
import { Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import { policyJson } from '@lockstep/model';
import { GitHubActionsRole, GitHubOidcProvider, SamArtifactBucket, SamLambdaTesting } from '../src';
import { acknowledgedRules, newStack, unacknowledgedFindings } from './support/cdk';
import { ROLES, environment, richConfig, richInput, role } from './support/fixtures';
import { resolveOrThrow } from '@lockstep/model';
import { simulateCall } from './support/iam-simulator';

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };

/** The environment's stack with the bucket and every Lockstep-managed role with its SAM testing profile. */
function synth(config: ResolvedConfig, envName: string, repos: readonly ResolvedRepo[] = config.repos) {
  const env = environment(config, envName);
  const stack = newStack(env);
  const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
  new SamArtifactBucket(stack, 'Artifacts', { bucketName: env.artifactBucket! });
  const profiles: Record<string, SamLambdaTesting> = {};
  for (const r of config.roles.filter((x) => x.environment === envName && x.managedBy === 'lockstep')) {
    const githubRole = new GitHubActionsRole(stack, r.name, { role: r, provider });
    profiles[r.name] = new SamLambdaTesting(stack, `${r.name}-sam`, { role: githubRole, environment: env, repos });
  }
  const template = Template.fromStack(stack);
  return { stack, template, profiles, resources: template.toJSON().Resources as Record<string, Resource> };
}

/** IAM JSON with every Action / Resource as a list, as CDK may render a one-element list as a string. */
function normalized(doc: { Statement: ReadonlyArray<Record<string, unknown>> }): { Version: string; Statement: Array<Record<string, unknown> & { Action: string[]; Resource: string[] }> } {
  const list = (v: unknown): string[] => (Array.isArray(v) ? v : [v]) as string[];
  return {
    Version: '2012-10-17',
    Statement: doc.Statement.map((s) => ({ ...s, Action: list(s.Action), Resource: list(s.Resource) })),
  };
}

const config = richConfig();
const testing = synth(config, 'testing');
const sdk = role(config, ROLES.pythonSdk);
const service = role(config, ROLES.immutable);
const policyOf = (r: Resource) => normalized(r.Properties.PolicyDocument);

describe('SamLambdaTesting', () => {
  test('creates, per role, its inline policy, the execution role and the function boundary under ids derived from the role name', () => {
    const types = Object.fromEntries(Object.entries(testing.resources).map(([id, r]) => [id, r.Type]));
    expect(types).toEqual({
      SamArtifactBucket: 'AWS::S3::Bucket',
      SamArtifactBucketPolicy: 'AWS::S3::BucketPolicy',
      [service.logicalId]: 'AWS::IAM::Role',
      [`${service.logicalId}FunctionBoundary`]: 'AWS::IAM::ManagedPolicy',
      [`${service.logicalId}CfnExecutionRole`]: 'AWS::IAM::Role',
      [`${service.logicalId}CfnExecutionReads`]: 'AWS::IAM::ManagedPolicy',
      [`${service.logicalId}SamLambdaTestingPolicy`]: 'AWS::IAM::Policy',
      [sdk.logicalId]: 'AWS::IAM::Role',
      [`${sdk.logicalId}FunctionBoundary`]: 'AWS::IAM::ManagedPolicy',
      [`${sdk.logicalId}CfnExecutionRole`]: 'AWS::IAM::Role',
      [`${sdk.logicalId}CfnExecutionReads`]: 'AWS::IAM::ManagedPolicy',
      [`${sdk.logicalId}SamLambdaTestingPolicy`]: 'AWS::IAM::Policy',
    });
  });

  test('attaches the GitHub role\'s policy to that role only, with the profile\'s statements', () => {
    const policy = testing.resources[`${sdk.logicalId}SamLambdaTestingPolicy`];
    expect(policy.Properties.PolicyName).toBe('lockstep-sam-lambda-testing');
    expect(policy.Properties.Roles).toEqual([{ Ref: sdk.logicalId }]);
    expect(policyOf(policy)).toEqual(policyJson(testing.profiles[sdk.name].permissions.githubRole));
  });

  test('names the execution role as the model does, trusted by CloudFormation only', () => {
    const exec = testing.resources[`${service.logicalId}CfnExecutionRole`];
    expect(exec.Properties.RoleName).toBe(service.samTesting!.executionRoleName);
    expect(`arn:aws:iam::654654498014:role${exec.Properties.Path}${exec.Properties.RoleName}`).toBe(service.samTesting!.executionRoleArn);
    expect(exec.Properties.AssumeRolePolicyDocument).toEqual({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { Service: 'cloudformation.amazonaws.com' }, Action: 'sts:AssumeRole' }],
    });
    expect(exec.Properties.Policies).toHaveLength(1);
    expect(exec.Properties.Policies[0].PolicyName).toBe('lockstep-sam-lambda-testing-execution');
    expect(normalized(exec.Properties.Policies[0].PolicyDocument)).toEqual(policyJson(testing.profiles[service.name].permissions.executionRole));
    expect(exec.Properties.ManagedPolicyArns).toBeUndefined();
  });

  test('attaches the execution role\'s read-only statements to it as a managed policy', () => {
    const reads = testing.resources[`${service.logicalId}CfnExecutionReads`];
    expect(reads.Properties.ManagedPolicyName).toBe(`${service.samTesting!.executionRoleName}Reads`);
    expect(reads.Properties.Roles).toEqual([{ Ref: `${service.logicalId}CfnExecutionRole` }]);
    expect(policyOf(reads)).toEqual(policyJson(testing.profiles[service.name].permissions.executionRoleReads));
  });

  test('names the function boundary as the model does', () => {
    const boundary = testing.resources[`${service.logicalId}FunctionBoundary`];
    expect(`arn:aws:iam::654654498014:policy${boundary.Properties.Path}${boundary.Properties.ManagedPolicyName}`).toBe(service.samTesting!.functionBoundaryArn);
    expect(boundary.Properties.Roles ?? boundary.Properties.Users ?? boundary.Properties.Groups).toBeUndefined();
    expect(policyOf(boundary)).toEqual(policyJson(testing.profiles[service.name].permissions.functionBoundary));
  });

  test('has no cdk-nag AwsSolutions finding', () => {
    expect(unacknowledgedFindings(testing.stack)).toEqual([]);
  });

  test('the cdk-nag check itself reports an unacknowledged wildcard resource (so an empty report means something)', () => {
    const plain = newStack(environment(config, 'testing'));
    new iam.Role(plain, 'R', {
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com'),
      inlinePolicies: { p: new iam.PolicyDocument({ statements: [new iam.PolicyStatement({ actions: ['lambda:GetFunction'], resources: ['arn:aws:lambda:us-west-2:654654498014:function:x*'] })] }) },
    });
    expect(unacknowledgedFindings(plain).map((v) => v.ruleName)).toEqual(['AwsSolutions-IAM5[Resource::arn:aws:lambda:us-west-2:654654498014:function:x*]']);
  });

  test('acknowledges exactly the wildcard resources of the synthesized policies, each with its reason', () => {
    const wildcards = new Set<string>();
    for (const r of Object.values(testing.resources)) {
      const docs = r.Type === 'AWS::IAM::Role' ? (r.Properties.Policies ?? []).map((p: Resource['Properties']) => p.PolicyDocument)
        : r.Type === 'AWS::IAM::Policy' || r.Type === 'AWS::IAM::ManagedPolicy' ? [r.Properties.PolicyDocument] : [];
      for (const doc of docs) {
        for (const s of normalized(doc).Statement) {
          if (s.Effect !== 'Allow') continue;
          for (const action of s.Action) expect(action).not.toContain('*');
          for (const resource of s.Resource) if (resource.includes('*')) wildcards.add(`AwsSolutions-IAM5[Resource::${resource}]`);
        }
      }
    }
    const acknowledged = acknowledgedRules(testing.stack).filter((a) => a.id.startsWith('AwsSolutions-IAM5'));
    expect(new Set(acknowledged.map((a) => a.id))).toEqual(wildcards);
    for (const a of acknowledged) expect(a.reason.length).toBeGreaterThan(40);
  });

  test('keeps two roles of one environment apart: neither can deploy, pass or read the other\'s', async () => {
    const githubPolicy = (name: string) => normalized(testing.resources[`${role(config, name).logicalId}SamLambdaTestingPolicy`].Properties.PolicyDocument);
    const call = (name: string, action: string, resource: string, context?: Record<string, string>) =>
      simulateCall({ principal: role(config, name).arn, action, resource, context }, [githubPolicy(name)]);
    const stackArn = (stackName: string) => `arn:aws:cloudformation:us-west-2:654654498014:stack/${stackName}/8c8e9a80-6f3c-11ef-a0b5-0a1b2c3d4e5f`;
    const deploy = (exec: string, repo: string) => ({ 'cloudformation:RoleArn': exec, 'cloudformation:ChangeSetName': 'samcli-deploy1', 'aws:RequestTag/lockstep:repository': repo });

    expect(await call(ROLES.pythonSdk, 'cloudformation:CreateChangeSet', stackArn('lockstep-python-sdk--1'), deploy(sdk.samTesting!.executionRoleArn, 'python-sdk'))).toBe('Allowed');
    expect(await call(ROLES.immutable, 'cloudformation:CreateChangeSet', stackArn('lockstep-new-service--1'), deploy(service.samTesting!.executionRoleArn, 'new-service'))).toBe('Allowed');
    expect(await call(ROLES.pythonSdk, 'cloudformation:CreateChangeSet', stackArn('lockstep-new-service--1'), deploy(sdk.samTesting!.executionRoleArn, 'new-service'))).toBe('ImplicitlyDenied');
    expect(await call(ROLES.pythonSdk, 'cloudformation:CreateChangeSet', stackArn('lockstep-python-sdk--1'), deploy(service.samTesting!.executionRoleArn, 'python-sdk'))).toBe('ImplicitlyDenied');
    expect(await call(ROLES.pythonSdk, 'iam:PassRole', service.samTesting!.executionRoleArn, { 'iam:PassedToService': 'cloudformation.amazonaws.com' })).toBe('ImplicitlyDenied');
    expect(await call(ROLES.immutable, 's3:GetObject', 'arn:aws:s3:::lockstep-artifacts-654654498014-us-west-2/python-sdk/0123', { 's3:ResourceAccount': '654654498014' })).toBe('ImplicitlyDenied');
  });

  test('writes the GovCloud partition into every ARN of a GovCloud environment', () => {
    const gov = synth(config, 'gov');
    const text = JSON.stringify(gov.template.toJSON());
    const arns = text.match(/arn:[a-z-]+:/g) ?? [];
    expect(arns.length).toBeGreaterThan(10);
    expect(new Set(arns)).toEqual(new Set(['arn:aws-us-gov:']));
    expect(unacknowledgedFindings(gov.stack)).toEqual([]);
  });

  describe('refuses', () => {
    const env = environment(config, 'testing');
    const build = (roleName: string, repos: readonly ResolvedRepo[], change: Record<string, unknown> = {}) => () => {
      const stack = newStack(env);
      const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
      const githubRole = new GitHubActionsRole(stack, 'Role', { role: { ...role(config, roleName), ...change }, provider });
      new SamLambdaTesting(stack, 'Sam', { role: githubRole, environment: env, repos });
    };

    test('a role without the sam-lambda-testing profile', () => {
      expect(build(ROLES.pythonSdk, config.repos, { permissions: undefined, samTesting: undefined })).toThrow(/not "sam-lambda-testing"/);
    });

    test('a role no repository with lambdaTests is mapped to', () => {
      expect(build(ROLES.pythonSdk, config.repos.filter((r) => r.role !== ROLES.pythonSdk))).toThrow(/no repository with lambdaTests is mapped to the role/);
    });

    test('a repository that uploads to another bucket than the role\'s', () => {
      const repos = config.repos.map((r) => (r.lambdaTests && r.role === ROLES.pythonSdk ? { ...r, lambdaTests: { ...r.lambdaTests, artifactBucket: 'elsewhere' } } : r));
      expect(build(ROLES.pythonSdk, repos)).toThrow(/uploads to "elsewhere", but the role's artifact bucket is/);
    });

    test('policies over IAM\'s size limit, naming the fix', () => {
      const template = config.repos.find((r) => r.name === 'python-sdk')!;
      const many = Array.from({ length: 80 }, (_, i) => ({
        ...template,
        name: `repository-with-a-long-name-${i}`,
        lambdaTests: { ...template.lambdaTests!, stackPrefix: `lockstep-repository-with-a-long-name-${i}--`, artifactPrefix: `repository-with-a-long-name-${i}/` },
      }));
      expect(build(ROLES.pythonSdk, many)).toThrow(/over IAM's limit of (10240|6144); map fewer repositories to the role/);
    });

    test('policies over IAM\'s size limit for the namesakes\' log denies, naming them', () => {
      // python-sdk-0 … python-sdk-79 on other roles: each a Deny of its log groups in the boundary.
      const namesakes = Array.from({ length: 80 }, (_, i) => `python-sdk-${i}`);
      const sam = { ...role(config, ROLES.pythonSdk).samTesting!, namesakes };
      expect(build(ROLES.pythonSdk, config.repos, { samTesting: sam })).toThrow(
        /FunctionBoundary \(managed policy\): \d+ characters without whitespace, over IAM's limit of 6144; map fewer repositories to the role, or rename those of other roles whose functions are named like its repositories' \(python-sdk-0, python-sdk-1, /,
      );
    });
  });
});

describe('extra statements from the config', () => {
  const input = richInput();
  const why = 'the tests deploy a Step Functions state machine';
  input.roles[ROLES.pythonSdk] = {
    ...input.roles[ROLES.pythonSdk],
    extraStatements: [{ actions: ['states:DeleteStateMachine', 'states:CreateStateMachine'], resources: ['arn:aws:states:us-west-2:654654498014:stateMachine:lockstep-*'], why }],
  };
  const extra = synth(resolveOrThrow(input), 'testing');
  const exec = extra.resources[`${role(resolveOrThrow(input), ROLES.pythonSdk).logicalId}CfnExecutionRole`];

  test('go into the execution role, actions sorted, with no condition', () => {
    const statements = exec.Properties.Policies[0].PolicyDocument.Statement as Array<Record<string, unknown>>;
    expect(statements.find((st) => st.Sid === 'Extra1')).toEqual({
      Sid: 'Extra1',
      Effect: 'Allow',
      Action: ['states:CreateStateMachine', 'states:DeleteStateMachine'],
      Resource: 'arn:aws:states:us-west-2:654654498014:stateMachine:lockstep-*',
    });
  });

  test('are acknowledged in cdk-nag with their reason, and leave no finding', () => {
    const ack = acknowledgedRules(extra.stack).find((a) => a.id === 'AwsSolutions-IAM5[Resource::arn:aws:states:us-west-2:654654498014:stateMachine:lockstep-*]');
    expect(ack?.reason).toContain(why);
    expect(unacknowledgedFindings(extra.stack)).toEqual([]);
  });
});
