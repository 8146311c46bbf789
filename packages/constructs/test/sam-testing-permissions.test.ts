import { policyJson, samTestingPermissions, wildcardResources, type SamTestingScope } from '../src/sam-testing-permissions';
import { simulateCall, simulateUnvalidatedCall, type IdentityRequest } from './support/iam-simulator';

const A = '654654498014';
const R = 'us-west-2';
const BUCKET = 'lockstep-artifacts-654654498014-us-west-2';
const EXEC = `arn:aws:iam::${A}:role/GitHubActionsOIDCRole-PythonSDK-CfnExec`;
const BOUNDARY = `arn:aws:iam::${A}:policy/GitHubActionsOIDCRole-PythonSDK-FunctionBoundary`;
const GITHUB = `arn:aws:iam::${A}:role/GitHubActionsOIDCRole-PythonSDK`;
const FUNCTION_ROLE = `arn:aws:iam::${A}:role/lockstep-python-sdk-4242-1-HelloFunctionRole-AbC123`;

const scope: SamTestingScope = {
  partition: 'aws',
  account: A,
  region: R,
  stackPrefixes: ['lockstep-sdk-js-', 'lockstep-python-sdk-'],
  artifactBucket: BUCKET,
  artifactPrefixes: ['sdk-js/', 'python-sdk/'],
  executionRoleArn: EXEC,
  functionBoundaryArn: BOUNDARY,
};
const permissions = samTestingPermissions(scope);
const githubPolicy = policyJson(permissions.githubRole);
const executionPolicy = policyJson(permissions.executionRole);
const boundaryPolicy = policyJson(permissions.functionBoundary);

const stack = (name: string, region = R, account = A) =>
  `arn:aws:cloudformation:${region}:${account}:stack/${name}/8c8e9a80-6f3c-11ef-a0b5-0a1b2c3d4e5f`;
const fn = (name: string) => `arn:aws:lambda:${R}:${A}:function:${name}`;
const logGroup = (name: string) => `arn:aws:logs:${R}:${A}:log-group:${name}`;
const object = (key: string, bucket = BUCKET) => `arn:aws:s3:::${bucket}/${key}`;
const DEPLOY_CONTEXT = { 'cloudformation:RoleArn': EXEC, 'cloudformation:ChangeSetName': 'samcli-deploy1767225600' };

type Case = [string, Omit<IdentityRequest, 'principal'>, 'Allowed' | 'ImplicitlyDenied'];

describe('samTestingPermissions', () => {
  test('never grants an action wildcard, and every wildcard resource carries a reason', () => {
    for (const statements of Object.values(permissions)) {
      for (const s of statements) {
        expect(s.actions.filter((a: string) => a.includes('*'))).toEqual([]);
        expect(s.why.length).toBeGreaterThan(20);
        for (const r of s.resources) expect(r.arn.includes('*')).toBe(r.wildcardReason !== undefined);
      }
    }
  });

  test('scopes every wildcard to one repository prefix, except DescribeLogGroups which has no resource-level permissions', () => {
    const wildcards = [
      ...wildcardResources(permissions.githubRole),
      ...wildcardResources(permissions.executionRole),
      ...wildcardResources(permissions.functionBoundary),
    ].map((w) => w.arn);
    for (const arn of wildcards) {
      if (arn === '*') continue;
      expect(arn).toMatch(/(lockstep-python-sdk-|lockstep-sdk-js-|\/python-sdk\/|\/sdk-js\/)\*(\/\*)?$/);
    }
    const star = permissions.executionRole.filter((s) => s.resources.some((r) => r.arn === '*'));
    expect(star.map((s) => s.actions)).toEqual([['logs:DescribeLogGroups']]);
  });

  test('renders statements in a stable order with sorted actions, whatever order the prefixes come in', () => {
    const reversed = samTestingPermissions({ ...scope, stackPrefixes: [...scope.stackPrefixes].reverse(), artifactPrefixes: [...scope.artifactPrefixes].reverse() });
    expect(policyJson(reversed.githubRole)).toEqual(githubPolicy);
    for (const s of githubPolicy.Statement) expect(s.Action).toEqual([...(s.Action as string[])].sort());
  });

  test('fits IAM\'s inline and managed policy sizes with several repositories', () => {
    const many = samTestingPermissions({
      ...scope,
      stackPrefixes: Array.from({ length: 8 }, (_, i) => `lockstep-repository-number-${i}-`),
      artifactPrefixes: Array.from({ length: 8 }, (_, i) => `repository-number-${i}/`),
    });
    const size = (doc: object) => JSON.stringify(doc).replace(/\s/g, '').length;
    expect(size(policyJson(many.githubRole))).toBeLessThan(10_240);
    expect(size(policyJson(many.executionRole))).toBeLessThan(10_240);
    expect(size(policyJson(many.functionBoundary))).toBeLessThan(6_144);
  });

  test.each([
    ['an uppercase stack prefix', { stackPrefixes: ['lockstep-Python-'] }, /must be lowercase/],
    ['a stack prefix without a trailing hyphen', { stackPrefixes: ['lockstep-python'] }, /end with "-"/],
    ['no stack prefix', { stackPrefixes: [] }, /at least one stack-name prefix/],
    ['an artifact prefix with two segments', { artifactPrefixes: ['a/b/'] }, /one key segment/],
    ['an 11-digit account', { account: '65465449801' }, /12-digit/],
  ])('refuses %s', (_what, change, message) => {
    expect(() => samTestingPermissions({ ...scope, ...change })).toThrow(message);
  });
});

describe('the GitHub role, evaluated by iam-simulate', () => {
  const cases: Case[] = [
    ['creates a change set of its own stack with the execution role', { action: 'cloudformation:CreateChangeSet', resource: stack('lockstep-python-sdk-4242-1'), context: DEPLOY_CONTEXT }, 'Allowed'],
    ['creates a change set of the other repository of the role', { action: 'cloudformation:CreateChangeSet', resource: stack('lockstep-sdk-js-77-2'), context: DEPLOY_CONTEXT }, 'Allowed'],
    ['creates no change set without the execution role (it would run with the caller\'s permissions)', { action: 'cloudformation:CreateChangeSet', resource: stack('lockstep-python-sdk-4242-1'), context: { 'cloudformation:ChangeSetName': 'samcli-deploy1' } }, 'ImplicitlyDenied'],
    ['creates no change set with another role', { action: 'cloudformation:CreateChangeSet', resource: stack('lockstep-python-sdk-4242-1'), context: { ...DEPLOY_CONTEXT, 'cloudformation:RoleArn': `arn:aws:iam::${A}:role/Admin` } }, 'ImplicitlyDenied'],
    ['creates no change set named otherwise than sam deploy does', { action: 'cloudformation:CreateChangeSet', resource: stack('lockstep-python-sdk-4242-1'), context: { ...DEPLOY_CONTEXT, 'cloudformation:ChangeSetName': 'manual' } }, 'ImplicitlyDenied'],
    ['creates no change set of another repository\'s stack', { action: 'cloudformation:CreateChangeSet', resource: stack('lockstep-new-service-1-1'), context: DEPLOY_CONTEXT }, 'ImplicitlyDenied'],
    ['creates no change set of an unrelated stack', { action: 'cloudformation:CreateChangeSet', resource: stack('Lockstep-testing'), context: DEPLOY_CONTEXT }, 'ImplicitlyDenied'],
    ['creates no change set in another region', { action: 'cloudformation:CreateChangeSet', resource: stack('lockstep-python-sdk-1', 'us-east-1'), context: DEPLOY_CONTEXT }, 'ImplicitlyDenied'],
    ['executes its change set', { action: 'cloudformation:ExecuteChangeSet', resource: stack('lockstep-python-sdk-4242-1'), context: { 'cloudformation:ChangeSetName': 'samcli-deploy1767225600' } }, 'Allowed'],
    ['describes, reads back and deletes its stack', { action: 'cloudformation:DeleteStack', resource: stack('lockstep-python-sdk-4242-1') }, 'Allowed'],
    ['reads the template for sam delete', { action: 'cloudformation:GetTemplate', resource: stack('lockstep-sdk-js-1') }, 'Allowed'],
    ['deletes no other stack', { action: 'cloudformation:DeleteStack', resource: stack('Lockstep-testing') }, 'ImplicitlyDenied'],
    ['creates no stack directly (only change sets)', { action: 'cloudformation:CreateStack', resource: stack('lockstep-python-sdk-1'), context: { 'cloudformation:RoleArn': EXEC } }, 'ImplicitlyDenied'],
    ['updates no stack directly', { action: 'cloudformation:UpdateStack', resource: stack('lockstep-python-sdk-1'), context: { 'cloudformation:RoleArn': EXEC } }, 'ImplicitlyDenied'],
    ['passes the execution role to CloudFormation', { action: 'iam:PassRole', resource: EXEC, context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } }, 'Allowed'],
    ['passes the execution role to no other service', { action: 'iam:PassRole', resource: EXEC, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, 'ImplicitlyDenied'],
    ['passes no other role, not even a function role', { action: 'iam:PassRole', resource: FUNCTION_ROLE, context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' } }, 'ImplicitlyDenied'],
    ['uploads under its repository\'s prefix', { action: 's3:PutObject', resource: object('python-sdk/0123456789abcdef.template') }, 'Allowed'],
    ['uploads where sam deploy --s3-prefix python-sdk/ puts keys (python-sdk//<md5>)', { action: 's3:PutObject', resource: object('python-sdk//0123456789abcdef') }, 'Allowed'],
    ['deletes its artifacts', { action: 's3:DeleteObject', resource: object('sdk-js/0123') }, 'Allowed'],
    ['reads no artifact of another repository', { action: 's3:GetObject', resource: object('new-service/0123') }, 'ImplicitlyDenied'],
    ['writes no key that merely starts like its prefix', { action: 's3:PutObject', resource: object('python-sdk-evil/0123') }, 'ImplicitlyDenied'],
    ['writes to no other bucket', { action: 's3:PutObject', resource: object('python-sdk/0123', 'some-other-bucket') }, 'ImplicitlyDenied'],
    ['lists its prefix as sam delete does (Prefix=<s3-prefix>/)', { action: 's3:ListBucket', resource: `arn:aws:s3:::${BUCKET}`, context: { 's3:prefix': 'python-sdk//' } }, 'Allowed'],
    ['lists no other repository\'s prefix', { action: 's3:ListBucket', resource: `arn:aws:s3:::${BUCKET}`, context: { 's3:prefix': 'new-service/' } }, 'ImplicitlyDenied'],
    ['lists no prefix that other repositories share (python-sdk without slash)', { action: 's3:ListBucket', resource: `arn:aws:s3:::${BUCKET}`, context: { 's3:prefix': 'python-sdk' } }, 'ImplicitlyDenied'],
    ['invokes its test functions', { action: 'lambda:InvokeFunction', resource: fn('lockstep-python-sdk-4242-1-HelloFunction-AbC123') }, 'Allowed'],
    ['invokes no other function', { action: 'lambda:InvokeFunction', resource: fn('production-billing') }, 'ImplicitlyDenied'],
    ['creates no function itself (the execution role does)', { action: 'lambda:CreateFunction', resource: fn('lockstep-python-sdk-1-F') }, 'ImplicitlyDenied'],
    ['reads its functions\' logs', { action: 'logs:FilterLogEvents', resource: logGroup('/aws/lambda/lockstep-python-sdk-4242-1-HelloFunction-AbC123') }, 'Allowed'],
    ['reads one log stream of its functions', { action: 'logs:GetLogEvents', resource: `${logGroup('/aws/lambda/lockstep-sdk-js-1-F')}:log-stream:2026/01/01/[$LATEST]abc` }, 'Allowed'],
    ['reads no other log group', { action: 'logs:FilterLogEvents', resource: logGroup('/aws/lambda/production-billing') }, 'ImplicitlyDenied'],
    ['creates no role', { action: 'iam:CreateRole', resource: FUNCTION_ROLE, context: { 'iam:PermissionsBoundary': BOUNDARY } }, 'ImplicitlyDenied'],
  ];
  test.each(cases)('%s', async (_name, request, expected) => {
    expect(await simulateCall({ principal: GITHUB, ...request }, [githubPolicy])).toBe(expected);
  });

  const transform = `arn:aws:cloudformation:${R}:aws:transform/Serverless-2016-10-31`;
  test('creates change sets through the SAM transform, with the execution role only', () => {
    const call = (context: Record<string, string>) =>
      simulateUnvalidatedCall({ principal: GITHUB, action: 'cloudformation:CreateChangeSet', resource: transform, context }, [githubPolicy]);
    expect(call(DEPLOY_CONTEXT)).toBe('Allowed');
    expect(call({ 'cloudformation:ChangeSetName': 'samcli-deploy1' })).toBe('ImplicitlyDenied');
  });
});

describe('the CloudFormation execution role, evaluated by iam-simulate', () => {
  const cases: Case[] = [
    ['creates a test function', { action: 'lambda:CreateFunction', resource: fn('lockstep-python-sdk-4242-1-HelloFunction-AbC123') }, 'Allowed'],
    ['creates no function outside the prefixes', { action: 'lambda:CreateFunction', resource: fn('production-billing') }, 'ImplicitlyDenied'],
    ['updates no function outside the prefixes', { action: 'lambda:UpdateFunctionCode', resource: fn('production-billing') }, 'ImplicitlyDenied'],
    ['reserves no concurrency (taken from the account\'s pool)', { action: 'lambda:PutFunctionConcurrency', resource: fn('lockstep-python-sdk-1-F') }, 'ImplicitlyDenied'],
    ['adds no resource policy to a function (no public or cross-account invocation)', { action: 'lambda:AddPermission', resource: fn('lockstep-python-sdk-1-F') }, 'ImplicitlyDenied'],
    ['creates no function URL', { action: 'lambda:CreateFunctionUrlConfig', resource: fn('lockstep-python-sdk-1-F') }, 'ImplicitlyDenied'],
    ['creates a function role that carries the boundary', { action: 'iam:CreateRole', resource: FUNCTION_ROLE, context: { 'iam:PermissionsBoundary': BOUNDARY } }, 'Allowed'],
    ['creates no function role without a boundary', { action: 'iam:CreateRole', resource: FUNCTION_ROLE }, 'ImplicitlyDenied'],
    ['creates no function role with another boundary', { action: 'iam:CreateRole', resource: FUNCTION_ROLE, context: { 'iam:PermissionsBoundary': `arn:aws:iam::${A}:policy/AdministratorAccess` } }, 'ImplicitlyDenied'],
    ['creates no role outside the prefixes', { action: 'iam:CreateRole', resource: `arn:aws:iam::${A}:role/Admin`, context: { 'iam:PermissionsBoundary': BOUNDARY } }, 'ImplicitlyDenied'],
    ['creates no role under another path', { action: 'iam:CreateRole', resource: `arn:aws:iam::${A}:role/ci/lockstep-python-sdk-1-R`, context: { 'iam:PermissionsBoundary': BOUNDARY } }, 'ImplicitlyDenied'],
    ['attaches a policy to a bounded function role', { action: 'iam:AttachRolePolicy', resource: FUNCTION_ROLE, context: { 'iam:PermissionsBoundary': BOUNDARY, 'iam:PolicyARN': 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' } }, 'Allowed'],
    ['changes no policy of a role without the boundary', { action: 'iam:PutRolePolicy', resource: FUNCTION_ROLE }, 'ImplicitlyDenied'],
    ['never removes a boundary', { action: 'iam:DeleteRolePermissionsBoundary', resource: FUNCTION_ROLE, context: { 'iam:PermissionsBoundary': BOUNDARY } }, 'ImplicitlyDenied'],
    ['never rewrites a role\'s trust policy', { action: 'iam:UpdateAssumeRolePolicy', resource: FUNCTION_ROLE, context: { 'iam:PermissionsBoundary': BOUNDARY } }, 'ImplicitlyDenied'],
    ['passes a function role to Lambda', { action: 'iam:PassRole', resource: FUNCTION_ROLE, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, 'Allowed'],
    ['passes a function role to no other service', { action: 'iam:PassRole', resource: FUNCTION_ROLE, context: { 'iam:PassedToService': 'ec2.amazonaws.com' } }, 'ImplicitlyDenied'],
    ['passes no role outside the prefixes', { action: 'iam:PassRole', resource: GITHUB, context: { 'iam:PassedToService': 'lambda.amazonaws.com' } }, 'ImplicitlyDenied'],
    ['creates a test function\'s log group', { action: 'logs:CreateLogGroup', resource: logGroup('/aws/lambda/lockstep-sdk-js-1-F') }, 'Allowed'],
    ['deletes no other log group', { action: 'logs:DeleteLogGroup', resource: logGroup('/aws/lambda/production-billing') }, 'ImplicitlyDenied'],
    ['lists log groups (no resource-level permissions)', { action: 'logs:DescribeLogGroups', resource: '*' }, 'Allowed'],
    ['reads the code artifacts for Lambda', { action: 's3:GetObject', resource: object('python-sdk/0123') }, 'Allowed'],
    ['writes no artifact', { action: 's3:PutObject', resource: object('python-sdk/0123') }, 'ImplicitlyDenied'],
    ['reads no artifact of another repository', { action: 's3:GetObject', resource: object('new-service/0123') }, 'ImplicitlyDenied'],
  ];
  test.each(cases)('%s', async (_name, request, expected) => {
    expect(await simulateCall({ principal: EXEC, ...request }, [executionPolicy])).toBe(expected);
  });
});

describe('a function role under the boundary, evaluated by iam-simulate', () => {
  // The worst a test template can give its function: everything. The boundary must cut it down to logs.
  const administrator = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
  const cases: Case[] = [
    ['writes its own logs', { action: 'logs:PutLogEvents', resource: `${logGroup('/aws/lambda/lockstep-python-sdk-1-F-AbC')}:log-stream:2026/01/01/[$LATEST]abc` }, 'Allowed'],
    ['writes no other function\'s logs', { action: 'logs:PutLogEvents', resource: `${logGroup('/aws/lambda/production-billing')}:log-stream:x` }, 'ImplicitlyDenied'],
    ['reads no artifact', { action: 's3:GetObject', resource: object('python-sdk/0123') }, 'ImplicitlyDenied'],
    ['creates no role', { action: 'iam:CreateRole', resource: `arn:aws:iam::${A}:role/lockstep-python-sdk-x` }, 'ImplicitlyDenied'],
    ['invokes no function', { action: 'lambda:InvokeFunction', resource: fn('production-billing') }, 'ImplicitlyDenied'],
  ];
  test.each(cases)('%s', async (_name, request, expected) => {
    expect(await simulateCall({ principal: FUNCTION_ROLE, ...request }, [administrator], boundaryPolicy)).toBe(expected);
  });
});
