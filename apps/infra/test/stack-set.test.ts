import * as fs from 'node:fs';
import * as path from 'node:path';
import { resolve, resolveOrThrow, type LockstepConfig } from '@lockstep/model';
import { STACK_SET, stackSetConfig } from '../../../packages/model/test/support/stack-set-config';
import { hasChecker, testWith } from '../../../tools/checker-test';
import { infraStacks } from '@lockstep/model';
import { createHash } from 'node:crypto';
import * as os from 'node:os';
import { App, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HOME_REGION_CONDITION, StackSetStack, TEMPLATE_BODY_LIMIT, TEMPLATE_URL_LIMIT, createInfraApp, createStackSetInstanceApp, synthesizeInfra } from '../src';
import { cfnLintFindings, type CfnLintFinding } from './support/cfn-lint';

/** Writes each template to `<name>.template.json` in a new temporary folder; the files' paths, in order. */
function templateFiles(templates: Record<string, unknown>): string[] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lockstep-stackset-'));
  return Object.entries(templates).map(([name, template]) => {
    const file = path.join(dir, `${name}.template.json`);
    fs.writeFileSync(file, JSON.stringify(template));
    return file;
  });
}

type Resources = Record<string, { Type: string; Properties: Record<string, any>; Condition?: string }>;

// The test (#15): a config whose `testing` environment targets an OU in two regions.
const config = resolveOrThrow(stackSetConfig());
const synthesized = synthesizeInfra(config); // cdk-nag's AwsSolutions checks run (nag defaults to true): synthesis throws on a finding
const FIXTURES = path.join(__dirname, 'fixtures', 'stackset');

/** The StackSet config with `count` more repositories, each on a dedicated role of its own. */
const withRoles = (count: number): LockstepConfig => {
  const input = stackSetConfig();
  const roles = { ...input.roles };
  const repos = { ...input.repos };
  for (let i = 1; i <= count; i++) {
    roles[`GitHubActionsOIDCRole-Svc${i}`] = { environment: 'testing', permissions: 'sam-lambda-testing' };
    repos[`svc${i}`] = { role: `GitHubActionsOIDCRole-Svc${i}`, lambdaTests: { ...input.repos['python-sdk'].lambdaTests! } };
  }
  return { ...input, roles, repos };
};

// The provider imported, accounts of the OU listed, percentages.
const variant = resolveOrThrow({
  ...stackSetConfig(),
  environments: { testing: { stackSet: { ...stackSetConfig().environments.testing.stackSet!, accounts: ['111122223333', STACK_SET.workflowAccount], failureTolerance: '10%', maxConcurrency: '20%' } } },
  providers: { testing: 'import' },
});
const [variantStack] = synthesizeInfra(variant).stacks;
// Four more dedicated roles take the instance template past the inline limit.
const [big] = synthesizeInfra(resolveOrThrow(withRoles(4)), { nag: false }).stacks;

/** The templates of this file that cfn-lint checks, by what they are. */
type Linted = 'fixtures' | 'broken' | 'big' | 'variant';
let lintRun: { files: Record<Linted, string[]>; findings: CfnLintFinding[] } | undefined;

/**
 * cfn-lint's findings on one set of this file's templates. Every set is linted in one run, the first time a
 * test asks: cfn-lint's start-up (Python and its resource schemas) is most of a run. The sets: the committed
 * fixtures, the instance template broken on purpose, the template over the inline limit, the variant's.
 */
function lint(which: Linted): CfnLintFinding[] {
  if (lintRun === undefined) {
    const inner = synthesized.stacks[0].stackSet!.template;
    const innerResources = inner.Resources as Resources;
    const broken = JSON.parse(JSON.stringify(inner));
    broken.Resources.SamArtifactBucketPolicy.Properties.PolicyDocument.Statement[0].Principal = { AWS: { 'Fn::GetAtt': [Object.keys(innerResources).find((id) => innerResources[id].Type === 'AWS::IAM::Role'), 'Arn'] } };
    const files: Record<Linted, string[]> = {
      fixtures: fs.readdirSync(FIXTURES).sort().map((f) => path.join(FIXTURES, f)),
      broken: templateFiles({ broken }),
      big: templateFiles({ outer: big.template, inner: big.stackSet!.template }),
      variant: templateFiles({ outer: variantStack.template, inner: variantStack.stackSet!.template }),
    };
    lintRun = { files, findings: cfnLintFindings(Object.values(files).flat()) };
  }
  const mine = lintRun.files[which];
  expect(mine.length).toBeGreaterThan(0);
  return lintRun.findings.filter((f) => mine.includes(f.Filename));
}

describe('a StackSet environment (testing: one OU, us-west-2 + us-east-1)', () => {
  const [stack] = synthesized.stacks;
  const resources = stack.template.Resources as Resources;
  const inner = stack.stackSet!.template;
  const innerResources = inner.Resources as Resources;

  test('synthesizes one stack, in the administration account, holding one AWS::CloudFormation::StackSet', () => {
    expect(synthesized.stacks.map((s) => [s.stackName, s.account, s.region, s.stackSet?.name])).toEqual([
      ['Lockstep-testing', STACK_SET.adminAccount, 'us-east-1', 'Lockstep-testing--stackset'],
    ]);
    expect(Object.values(resources).map((r) => r.Type)).toEqual(['AWS::CloudFormation::StackSet']);
  });

  // Property names and enums: the AWS::CloudFormation::StackSet resource schema (cfn-lint's bundled copy;
  // aws-cloudformation/aws-cloudformation-resource-providers-cloudformation, aws-cloudformation-stackset.json).
  test('service-managed, auto-deployment, failure tolerance and concurrency from the config, the OU in both regions', () => {
    const props = resources.StackSet.Properties;
    expect(props).toMatchObject({
      StackSetName: 'Lockstep-testing',
      PermissionModel: 'SERVICE_MANAGED',
      CallAs: 'DELEGATED_ADMIN',
      AutoDeployment: { Enabled: true, RetainStacksOnAccountRemoval: false },
      Capabilities: ['CAPABILITY_NAMED_IAM'],
      OperationPreferences: { FailureToleranceCount: 1, MaxConcurrentCount: 2, RegionConcurrencyType: 'SEQUENTIAL', RegionOrder: ['us-west-2', 'us-east-1'] },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [STACK_SET.organizationalUnit] }, Regions: ['us-west-2', 'us-east-1'] }],
    });
    // Parameter overrides are not applied to accounts added by auto-deployment
    // (aws-cloudformation/cloudformation-coverage-roadmap#1291): none are used.
    expect(props.Parameters).toBeUndefined();
    expect(JSON.stringify(props.StackInstancesGroup)).not.toContain('ParameterOverrides');
    expect(inner.Parameters).toBeUndefined();
  });

  test('the instance template goes inline, within CloudFormation\'s 51,200 bytes for a TemplateBody', () => {
    const body = resources.StackSet.Properties.TemplateBody as string;
    expect(typeof body).toBe('string');
    expect(Buffer.byteLength(body)).toBeLessThanOrEqual(TEMPLATE_BODY_LIMIT);
    expect(TEMPLATE_BODY_LIMIT).toBe(51_200);
    expect(JSON.parse(body)).toEqual(inner);
  });

  test('takes every account value from the template (AWS::AccountId), never the workflow account\'s literal', () => {
    const text = JSON.stringify(inner);
    expect(text).not.toContain(STACK_SET.workflowAccount);
    expect(innerResources.SamArtifactBucket.Properties.BucketName).toEqual({ 'Fn::Sub': 'lockstep-artifacts-${AWS::AccountId}-${AWS::Region}' });
    // Bucket names are global; each account's bucket is its own, so the S3 conditions name the account by pseudo parameter.
    expect(text).toContain('"s3:ResourceAccount":[{"Fn::Sub":"${AWS::AccountId}"}]');
    const role = Object.values(innerResources).find((r) => r.Type === 'AWS::IAM::Role' && r.Properties.RoleName === 'GitHubActionsOIDCRole-PythonSDK')!;
    expect(JSON.stringify(role.Properties.AssumeRolePolicyDocument)).toContain('"Fn::Sub":"arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com"');
  });

  test('creates IAM resources (provider, roles, policies) in the home region only, the artifact bucket in every region', () => {
    expect(inner.Conditions).toEqual({ [HOME_REGION_CONDITION]: { 'Fn::Equals': [{ Ref: 'AWS::Region' }, 'us-west-2'] } });
    const iam = Object.values(innerResources).filter((r) => r.Type.startsWith('AWS::IAM::'));
    expect(iam.map((r) => r.Type)).toContain('AWS::IAM::OIDCProvider');
    expect(iam.every((r) => r.Condition === HOME_REGION_CONDITION)).toBe(true);
    expect(Object.values(innerResources).filter((r) => r.Condition === undefined).map((r) => r.Type).sort()).toEqual(['AWS::S3::Bucket', 'AWS::S3::BucketPolicy']);
  });

  test('the committed fixture templates are exactly what the config synthesizes (regenerate them with the snippet in apps/infra/README.md)', () => {
    expect(fs.readFileSync(path.join(FIXTURES, 'Lockstep-testing.template.json'), 'utf8')).toBe(`${JSON.stringify(stack.template, null, 2)}\n`);
    expect(fs.readFileSync(path.join(FIXTURES, 'Lockstep-testing--stackset.template.json'), 'utf8')).toBe(`${JSON.stringify(inner, null, 2)}\n`);
  });

  testWith('cfn-lint')('cfn-lint reports nothing on the committed outer (StackSet) and inner (instance) templates', () => {
    expect(fs.readdirSync(FIXTURES)).toHaveLength(2);
    expect(lint('fixtures')).toEqual([]);
  });

  testWith('cfn-lint')('cfn-lint does report an IAM role of the instance template without the home-region condition referenced by a regional resource (so an empty report means something)', () => {
    // W1001: a resource present in every region must not reference one that exists only in the home region.
    expect(lint('broken').map((f) => [f.Rule.Id, f.Message.includes("condition 'IsHomeRegion' is False")])).toEqual([['W1001', true]]);
  });
});

describe('a StackSet environment over CloudFormation\'s limits', () => {
  test('a template over the inline limit goes to S3 as a file asset (TemplateURL, keyed by its SHA-256), and passes cfn-lint', () => {
    const props = (big.template.Resources as Resources).StackSet.Properties;
    const body = JSON.stringify(big.stackSet!.template);
    expect(Buffer.byteLength(body)).toBeGreaterThan(TEMPLATE_BODY_LIMIT);
    expect(props.TemplateBody).toBeUndefined();
    const hash = createHash('sha256').update(body).digest('hex');
    // DefaultStackSynthesizer's file asset location: the bootstrap bucket of the administration account.
    expect(props.TemplateURL).toEqual({ 'Fn::Sub': `https://s3.us-east-1.\${AWS::URLSuffix}/cdk-hnb659fds-assets-${STACK_SET.adminAccount}-us-east-1/${hash}.json` });
    if (hasChecker('cfn-lint')) expect(lint('big')).toEqual([]);
  });

  test('refuses an instance template over CloudFormation\'s 1 MB for a template in S3, naming the environment and the fix', () => {
    const planned = infraStacks(config)[0];
    const huge = { Resources: { Pad: { Type: 'AWS::CloudFormation::WaitConditionHandle', Metadata: { pad: 'x'.repeat(TEMPLATE_URL_LIMIT) } } } };
    expect(() => new StackSetStack(new App(), { stack: planned, template: huge })).toThrow(/^environments\.testing\.stackSet: the StackSet template of its 1 roles is \d+ bytes, over CloudFormation's 1000000 for a template in S3; split the roles/);
  });

  test('the config is refused when the roles would pass the resource budget of one template', () => {
    const result = resolve(withRoles(80));
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).toMatch(/environments\.testing\.stackSet.*over the budget of 400/);
  });
});

describe('cdk-nag on the StackSet templates', () => {
  const planned = infraStacks(config)[0];

  test('the instance template\'s constructs pass every AwsSolutions check (acknowledged findings aside)', () => {
    const { stack } = createStackSetInstanceApp(config, planned);
    expect(new AwsSolutionsChecks().validateScope(stack).violations).toEqual([]);
  });

  test('the outer stack (the StackSet resource) passes them too', () => {
    const [outer] = createInfraApp(config).node.children.filter(Stack.isStack);
    expect(outer.stackName).toBe('Lockstep-testing');
    expect(new AwsSolutionsChecks().validateScope(outer).violations).toEqual([]);
  });

  test('the instance app refuses to synthesize when a finding is not acknowledged (so cdk-nag does run there)', () => {
    const { app, stack } = createStackSetInstanceApp(config, planned);
    new iam.Policy(stack, 'Unreviewed', {
      roles: [iam.Role.fromRoleName(stack, 'R', 'x')],
      statements: [new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::bucket/*'] })],
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-IAM5\[Resource::arn:aws:s3:::bucket\/\*\]/);
  });
});

describe('a StackSet environment that imports the provider and lists accounts of the OU', () => {
  test('targets only those accounts of the OU (INTERSECTION), with percentages', () => {
    expect((variantStack.template.Resources as Resources).StackSet.Properties).toMatchObject({
      OperationPreferences: { FailureTolerancePercentage: 10, MaxConcurrentPercentage: 20 },
      StackInstancesGroup: [{ DeploymentTargets: { OrganizationalUnitIds: [STACK_SET.organizationalUnit], Accounts: ['111122223333', STACK_SET.workflowAccount], AccountFilterType: 'INTERSECTION' } }],
    });
  });

  test('"import": no provider resource; every account\'s roles trust that account\'s own provider', () => {
    const inner = variantStack.stackSet!.template;
    expect(Object.values(inner.Resources as Resources).map((r) => r.Type)).not.toContain('AWS::IAM::OIDCProvider');
    expect(JSON.stringify(inner)).toContain('"Federated":{"Fn::Sub":"arn:aws:iam::${AWS::AccountId}:oidc-provider/token.actions.githubusercontent.com"}');
  });

  testWith('cfn-lint')('cfn-lint reports nothing on either template', () => {
    expect(lint('variant')).toEqual([]);
  });
});
