import { infraStackNames, resolveOrThrow, roleStackOf } from '@lockstep/model';
import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { createInfraApp, synthesizeInfra, type SynthesizedStack } from '../src';
import { DEDICATED_ROLE, EXTRA, defaultConfig, defaultInput, environmentTemplate, optionAInput, reordered, withMoreEnvironments } from './support/configs';

type Resources = Record<string, { Type: string; Properties: Record<string, any>; DependsOn?: string[] }>;
const resourcesOf = (stack: SynthesizedStack) => stack.template.Resources as Resources;

const config = defaultConfig();
const synthesized = synthesizeInfra(config);
const multiConfig = resolveOrThrow(withMoreEnvironments());
const multi = synthesizeInfra(multiConfig);
const sdkStack = roleStackOf(config, config.roles.find((r) => r.name === DEDICATED_ROLE)!)!;

describe('synthesizeInfra, default config', () => {
  test('synthesizes the base stack and the PythonSDK role\'s role stack, named by the model, for 654654498014 / us-west-2', () => {
    expect(sdkStack).toMatch(/^Lockstep-testing--\d\d$/);
    expect(synthesized.stacks.map(({ stackName, environment, account, region }) => ({ stackName, environment, account, region }))).toEqual([
      { stackName: 'Lockstep-testing', environment: 'testing', account: '654654498014', region: 'us-west-2' },
      { stackName: sdkStack, environment: 'testing', account: '654654498014', region: 'us-west-2' },
    ]);
  });

  test.each(synthesized.stacks.map((s) => [s.stackName, s] as const))('%s: a deterministic, offline template: a description and resources, nothing else', (_name, stack) => {
    expect(Object.keys(stack.template)).toEqual(['Description', 'Resources']);
    expect(stack.template.Description).toMatch(/Generated from lockstep.config.ts/);
    const text = JSON.stringify(stack.template);
    for (const absent of ['AWS::CDK::Metadata', 'BootstrapVersion', 'aws:cdk:path', 'cdk_nag', 'Fn::ImportValue', 'AWS::CloudFormation::CustomResource', 'Custom::']) {
      expect(text).not.toContain(absent);
    }
  });

  test('imports the provider (creates none), creates the PythonSDK role with its SAM testing permissions, and nothing for the Terraform role', () => {
    const resources = environmentTemplate(synthesized.stacks, 'testing').Resources as Resources;
    expect(Object.keys(resourcesOf(synthesized.stacks[0]))).toEqual(['SamArtifactBucket', 'SamArtifactBucketPolicy']);
    const sdk = config.roles.find((r) => r.name === 'GitHubActionsOIDCRole-PythonSDK')!;
    expect(Object.fromEntries(Object.entries(resources).map(([id, r]) => [id, r.Type]))).toEqual({
      SamArtifactBucket: 'AWS::S3::Bucket',
      SamArtifactBucketPolicy: 'AWS::S3::BucketPolicy',
      [sdk.logicalId]: 'AWS::IAM::Role',
      [`${sdk.logicalId}FunctionBoundary`]: 'AWS::IAM::ManagedPolicy',
      [`${sdk.logicalId}CfnExecutionRole`]: 'AWS::IAM::Role',
      [`${sdk.logicalId}CfnExecutionReads`]: 'AWS::IAM::ManagedPolicy',
      [`${sdk.logicalId}SamLambdaTestingPolicy`]: 'AWS::IAM::Policy',
    });
    expect(resources[sdk.logicalId].Properties.RoleName).toBe('GitHubActionsOIDCRole-PythonSDK');
    expect(resources[sdk.logicalId].Properties.AssumeRolePolicyDocument).toStrictEqual(sdk.trustPolicy);
    expect(JSON.stringify(synthesized.stacks)).not.toContain('GitHubActionsOIDCRoleDeployments-testing');
  });

  test('passes every AwsSolutions check of cdk-nag (acknowledged findings aside) on every stack', () => {
    const app = createInfraApp(config);
    const stacks = app.node.children.filter(Stack.isStack);
    expect(stacks.map((s) => s.stackName)).toEqual(['Lockstep-testing', sdkStack]);
    for (const stack of stacks) expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  test('refuses to synthesize when a finding is not acknowledged', () => {
    const app = createInfraApp(config);
    const stack = app.node.children.filter(Stack.isStack)[0];
    new iam.Policy(stack, 'Unreviewed', {
      roles: [iam.Role.fromRoleName(stack, 'R', 'x')],
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] })],
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::arn:aws:s3:::bucket\/\*\]/);
  });
});

describe('synthesizeInfra, more environments', () => {
  test('synthesizes a base and a role stack per environment, each with its account and region', () => {
    const where = (role: string) => roleStackOf(multiConfig, multiConfig.roles.find((r) => r.name === role)!);
    expect(multi.stacks.map(({ stackName, account, region }) => [stackName, account, region])).toEqual([
      ['Lockstep-govcloud', EXTRA.govAccount, 'us-gov-west-1'],
      [where(EXTRA.govRole), EXTRA.govAccount, 'us-gov-west-1'],
      ['Lockstep-staging', EXTRA.stagingAccount, 'us-east-1'],
      [where(EXTRA.stagingRole), EXTRA.stagingAccount, 'us-east-1'],
      ['Lockstep-testing', '654654498014', 'us-west-2'],
      [sdkStack, '654654498014', 'us-west-2'],
    ]);
  });

  test('leaves the existing stacks\' templates unchanged', () => {
    for (const stack of synthesized.stacks) expect(multi.stacks.find((s) => s.stackName === stack.stackName)!.template).toStrictEqual(stack.template);
  });

  test.each([
    ['Lockstep-govcloud', 'arn:aws-us-gov:', EXTRA.govAccount],
    ['Lockstep-staging', 'arn:aws:', EXTRA.stagingAccount],
  ])('%s: writes the partition %s and the account into every ARN, and creates the provider', (stackName, partition, account) => {
    const environment = multi.stacks.find((s) => s.stackName === stackName)!.environment;
    const stack = { template: environmentTemplate(multi.stacks, environment) } as unknown as SynthesizedStack;
    const text = JSON.stringify(stack.template);
    const arns = text.match(/arn:[a-z-]*:[a-z0-9-]*:[a-z0-9-]*:[a-z0-9]*:/g) ?? [];
    expect(arns.length).toBeGreaterThan(15);
    expect(text.split('arn:').length).toBe(text.split(partition).length);
    for (const arn of arns) {
      expect(arn.startsWith(partition)).toBe(true);
      // `aws` is the account of the SAM transform resource; `` of S3 ARNs.
      expect(['', 'aws', account]).toContain(arn.split(':')[4]);
    }
    expect(resourcesOf(stack).GitHubOidcProvider).toEqual({
      Type: 'AWS::IAM::OIDCProvider',
      Properties: { ClientIdList: ['sts.amazonaws.com'], Url: 'https://token.actions.githubusercontent.com' },
      DeletionPolicy: 'Retain',
      UpdateReplacePolicy: 'Retain',
    });
  });
});

describe('synthesizeInfra, an environment with nothing to create (Option A)', () => {
  const optionA = resolveOrThrow(optionAInput());

  test('the Option A config leaves the dedicated role out, so testing has an imported provider and no role to create', () => {
    expect(optionA.unusedRoles).toEqual([DEDICATED_ROLE]);
    expect(optionA.roles.map((r) => [r.name, r.managedBy])).toEqual([['GitHubActionsOIDCRoleDeployments-testing', 'terraform']]);
    expect(optionA.environments.map((e) => [e.name, e.provider.mode, e.artifactBucket])).toEqual([['testing', 'import', undefined]]);
  });

  test('synthesizes no stack (and so no template) for testing, rather than one without Resources that CloudFormation refuses', () => {
    expect(synthesizeInfra(optionA).stacks).toEqual([]);
    const app = createInfraApp(optionA);
    expect(app.node.children.filter(Stack.isStack)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('still synthesizes the stacks of the other environments', () => {
    const stacks = synthesizeInfra(resolveOrThrow(withMoreEnvironments(optionAInput()))).stacks;
    expect(stacks.map((s) => s.stackName)).toEqual(infraStackNames(resolveOrThrow(withMoreEnvironments(optionAInput()))));
    expect(new Set(stacks.map((s) => s.environment))).toEqual(new Set(['govcloud', 'staging']));
    for (const stack of stacks) expect(Object.keys(resourcesOf(stack)).length).toBeGreaterThan(0);
  });

  test('synthesizes a stack that only creates the provider when the environment creates it', () => {
    const input = optionAInput();
    input.providers = { testing: 'create' };
    const [stack] = synthesizeInfra(resolveOrThrow(input)).stacks;
    expect(Object.fromEntries(Object.entries(resourcesOf(stack)).map(([id, r]) => [id, r.Type]))).toEqual({ GitHubOidcProvider: 'AWS::IAM::OIDCProvider' });
  });
});

describe('stable templates', () => {
  test('reordering every list and record of the config changes no template byte', () => {
    const again = synthesizeInfra(resolveOrThrow(reordered(withMoreEnvironments())));
    expect(again.stacks.map((s) => JSON.stringify(s.template, null, 2))).toEqual(multi.stacks.map((s) => JSON.stringify(s.template, null, 2)));
  });

  test('adding a role and a repository replaces nothing: every existing resource keeps its logical id and bytes', () => {
    const input = defaultInput();
    const bigger = synthesizeInfra(resolveOrThrow({
      ...input,
      roles: { ...input.roles, 'AAA-FirstByName': { environment: 'testing', permissions: 'sam-lambda-testing' } },
      repos: { ...input.repos, 'aaa-service': { role: 'AAA-FirstByName', lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } } },
    }));
    const before = environmentTemplate(synthesized.stacks, 'testing').Resources as Resources;
    const after = environmentTemplate(bigger.stacks, 'testing').Resources as Resources;
    for (const [id, resource] of Object.entries(before)) expect(after[id]).toStrictEqual(resource);
    expect(Object.keys(after).length).toBe(Object.keys(before).length + 5);
  });

  test('derives every role\'s logical id from its name only (the model\'s logicalId)', () => {
    for (const role of config.roles.filter((r) => r.managedBy === 'lockstep')) {
      expect(environmentTemplate(synthesized.stacks, role.environment).Resources[role.logicalId].Properties.RoleName).toBe(role.name);
    }
  });
});

describe('synthesis metadata', () => {
  test('no construct keeps a stack trace: not of its creation, an annotation or a cdk-nag acknowledgement', () => {
    const entries = createInfraApp(defaultConfig()).node.findAll().flatMap((c) => c.node.metadata);
    // Acknowledgements are there (so the absence below means something), each with at most CDK's one-line
    // "no user code" trace (see packages/constructs/src/private/acknowledge.ts).
    expect(entries.filter((e) => e.type === 'aws:cdk:acknowledged-rules').length).toBeGreaterThan(0);
    expect(entries.filter((e) => (e.trace ?? []).some((line) => /\.[jt]s:\d/.test(line)))).toEqual([]);
    expect(entries.map((e) => e.type)).not.toContain('aws:cdk:creationStack');
  });
});
