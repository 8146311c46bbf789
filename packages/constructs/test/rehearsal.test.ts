// The rehearsal (DESIGN.md invariants 8 and 9): every call `sam deploy` / `sam delete` and CloudFormation's resource
// handlers make for realistic SAM test templates, with the names CloudFormation generates and the tags it
// propagates, replayed against the synthesized policies with the independent IAM evaluator; then the escalations.
import { apiGatewayArn, regionalArn, resolveOrThrow, roleArn, s3Arn, transformArn, type LockstepConfig, type ResolvedConfig } from '@lockstep/model';
import { Template } from 'aws-cdk-lib/assertions';
import { GitHubActionsRole, GitHubOidcProvider, SamArtifactBucket, SamLambdaTesting } from '../src';
import { newStack } from './support/cdk';
import { simulateCall, simulateUnvalidatedCall, type Verdict } from './support/iam-simulator';
import { generatedPhysicalName } from './support/physical-names';
import { HANDLER_CALLS, SCHEMA_SOURCE, type HandlerCall, type HandlerTarget } from './rehearsal/handler-calls';
import { CHANGE_SET_CLEANUP_CALLS, SAM_CLI_SOURCE, SAM_DELETE_CALLS, SAM_DEPLOY_CALLS, type SamCliCall } from './rehearsal/sam-cli-calls';
import { REHEARSAL_TEMPLATES, SAM_SOURCE, type Emitted, type RehearsalTemplate, type RuntimeCall } from './rehearsal/templates';

const A = '654654498014';
const R = 'us-west-2';
const TAG = 'aws:RequestTag/lockstep:repository';
const RTAG = 'aws:ResourceTag/lockstep:repository';

/** `python-sdk` and `python-sdk-ext` on two roles of one account: the names CloudFormation generates for the second start with the first's. */
const input: LockstepConfig = {
  github: { owner: 'honeyhiveai' },
  environments: { testing: { account: A, region: R } },
  providers: { testing: 'import' },
  roles: {
    'GitHubActionsOIDCRole-PythonSDK': { environment: 'testing', permissions: 'sam-lambda-testing' },
    'GitHubActionsOIDCRole-Extras': { environment: 'testing', permissions: 'sam-lambda-testing' },
  },
  repos: {
    'python-sdk': { role: 'GitHubActionsOIDCRole-PythonSDK', lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } },
    'python-sdk-ext': { role: 'GitHubActionsOIDCRole-Extras', lambdaTests: { testCommand: 'pytest', on: { pullRequest: true } } },
  },
};
const config: ResolvedConfig = resolveOrThrow(input);

type Doc = { Version: string; Statement: Array<Record<string, unknown>> };

/** The synthesized template's policies of each role: what CloudFormation would deploy, not the model's data. */
function synthesizedPolicies() {
  const env = config.environments[0];
  const stack = newStack(env);
  const provider = new GitHubOidcProvider(stack, 'Provider', { provider: env.provider });
  new SamArtifactBucket(stack, 'Artifacts', { bucketName: env.artifactBucket! });
  for (const r of config.roles) {
    new SamLambdaTesting(stack, `${r.name}-sam`, { role: new GitHubActionsRole(stack, r.name, { role: r, provider }), environment: env, repos: config.repos });
  }
  const resources = Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string; Properties: Record<string, any> }>;
  const of = (repo: string) => {
    const role = config.roles.find((x) => x.name === config.repos.find((y) => y.name === repo)!.role)!;
    return {
      role,
      github: resources[`${role.logicalId}SamLambdaTestingPolicy`].Properties.PolicyDocument as Doc,
      execution: resources[`${role.logicalId}CfnExecutionRole`].Properties.Policies[0].PolicyDocument as Doc,
      executionReads: resources[`${role.logicalId}CfnExecutionReads`].Properties.PolicyDocument as Doc,
      boundary: resources[`${role.logicalId}FunctionBoundary`].Properties.PolicyDocument as Doc,
    };
  };
  return { sdk: of('python-sdk'), extras: of('python-sdk-ext'), bucket: env.artifactBucket! };
}
const policies = synthesizedPolicies();

/** One workflow run of a repository: its stack name (as the workflow names it), prefix, tags. */
function run(repo: string, runId = '12345678901', attempt = '1') {
  const tests = config.repos.find((x) => x.name === repo)!.lambdaTests!;
  const stackName = `${tests.stackPrefix}${runId}-${attempt}`;
  return { repo, stackName, prefix: `${tests.artifactPrefix.replace(/\/$/, '')}/${stackName}` };
}

/** The ARNs CloudFormation and the services give one expanded template's resources in one run's stack. */
function physical(template: RehearsalTemplate, stackName: string) {
  const byId = new Map(template.resources.map((x) => [x.logicalId, x]));
  const name = (x: Emitted, max: number) => generatedPhysicalName(stackName, x.logicalId, max);
  const apiId = 'a1b2c3d4e5';
  const arnOf = (x: Emitted): string => {
    switch (x.type) {
      case 'AWS::Lambda::Function': return regionalArn('aws', 'lambda', R, A, `function:${name(x, 64)}`);
      case 'AWS::IAM::Role': return roleArn('aws', A, '/', name(x, 64));
      case 'AWS::Lambda::LayerVersion': return regionalArn('aws', 'lambda', R, A, `layer:${x.layerName!.replace('${AWS::StackName}', stackName)}`);
      case 'AWS::SQS::Queue': return regionalArn('aws', 'sqs', R, A, name(x, 80));
      case 'AWS::SNS::Topic': return regionalArn('aws', 'sns', R, A, name(x, 256));
      case 'AWS::DynamoDB::Table': return regionalArn('aws', 'dynamodb', R, A, `table/${name(x, 255)}`);
      case 'AWS::Events::Rule': return regionalArn('aws', 'events', R, A, `rule/${name(x, 64)}`);
      // The logs handler names a log group <stack name>-<logical id>-<random>, the stack name unchanged.
      case 'AWS::Logs::LogGroup': return x.logsOf !== undefined
        ? regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${name(byId.get(x.logsOf)!, 64)}`)
        : regionalArn('aws', 'logs', R, A, `log-group:${stackName}-${x.logicalId}-Ab3dEf6hIj9L`);
      case 'AWS::ApiGateway::RestApi': return apiGatewayArn('aws', R, `/restapis/${apiId}`);
      case 'AWS::ApiGatewayV2::Api': return apiGatewayArn('aws', R, `/apis/${apiId}`);
      default: return '';
    }
  };
  const fnArn = (id: string) => arnOf(byId.get(id)!);
  const target = (x: Emitted, on: HandlerTarget): string => {
    const v2 = x.type.startsWith('AWS::ApiGatewayV2::');
    const api = v2 ? `/apis/${apiId}` : `/restapis/${apiId}`;
    if (on.startsWith('layer:')) {
      const id = on.slice('layer:'.length);
      return id === 'powertools'
        ? regionalArn('aws', 'lambda', R, '017000801446', 'layer:AWSLambdaPowertoolsPythonV3-python312-arm64:7')
        : `${arnOf(byId.get(id)!)}:1`;
    }
    switch (on) {
      case 'self': return arnOf(x);
      case 'self-version': return `${arnOf(x)}:1`;
      case 'role': return arnOf(byId.get(x.role ?? `${x.logicalId}Role`)!);
      case 'function': return fnArn(x.function!);
      case 'code': return s3Arn('aws', policies.bucket, `${run(repoOf(stackName)).prefix}/0f343b0931126a20f133d67c2b018a3b`);
      case 'star': return '*';
      case 'api-collection': return apiGatewayArn('aws', R, v2 ? '/apis' : '/restapis');
      case 'api-stages': return apiGatewayArn('aws', R, `${api}/stages`);
      case 'api-stage': return apiGatewayArn('aws', R, `${api}/stages/${v2 ? '$default' : 'Prod'}`);
      case 'api-deployments': return apiGatewayArn('aws', R, `${api}/deployments`);
      case 'api-deployment': return apiGatewayArn('aws', R, `${api}/deployments/abc123`);
      case 'api-tags': return apiGatewayArn('aws', R, `/tags/${encodeURIComponent(apiGatewayArn('aws', R, `${api}/stages/$default`))}`);
      case 'topic': return arnOf(byId.get(x.topic!)!);
      case 'esm': return regionalArn('aws', 'lambda', R, A, 'event-source-mapping:14e0db71-5d35-4eb5-b481-8945cf9d10c2');
      default: throw new Error(`no target ${on}`);
    }
  };
  return { arnOf, fnArn, target, byId };
}

const repoOf = (stackName: string) => (stackName.startsWith('lockstep-python-sdk-ext--') ? 'python-sdk-ext' : 'python-sdk');

/** Request context of a handler call: the repository tag as the call carries it, placeholders filled in. */
function handlerContext(call: HandlerCall, repo: string, fill: Record<string, string>): Record<string, string> {
  const context: Record<string, string> = {};
  if (call.tags?.includes('request')) context[TAG] = repo;
  if (call.tags?.includes('resource')) context[RTAG] = repo;
  if (call.action.startsWith('s3:')) context['s3:ResourceAccount'] = A;
  for (const [k, v] of Object.entries(call.context ?? {})) context[k] = fill[v] ?? v;
  return context;
}

/**
 * iam-data (the Service Authorization Reference as data) lists only REST API (v1) resource types for the
 * apigateway HTTP-verb actions, and no deployments or stages collection, so those calls are evaluated without its resource
 * check (research notes physical-names.md §3, "Test-tool gap"); every other call goes through the validating entry point.
 */
const IAM_DATA_GAP = /::\/apis|\/deployments$|\/stages$|\/tags\//;

async function evaluate(principal: string, action: string, resource: string, context: Record<string, string>, identity: Doc[], boundary?: Doc): Promise<Verdict> {
  if (action.startsWith('apigateway:') && IAM_DATA_GAP.test(resource)) {
    return simulateUnvalidatedCall({ principal, action, resource, context }, identity);
  }
  return simulateCall({ principal, action, resource, context }, identity, boundary);
}

function samCliRequest(call: SamCliCall, repo: string, stackName: string) {
  const r = run(repo);
  const p = repo === 'python-sdk' ? policies.sdk : policies.extras;
  const exec = p.role.samTesting!.executionRoleArn;
  const stack = regionalArn('aws', 'cloudformation', R, A, `stack/${stackName}/8c8e9a80-6f3c-11ef-a0b5-0a1b2c3d4e5f`);
  const resource = {
    stack,
    'companion-stack': regionalArn('aws', 'cloudformation', R, A, `stack/${stackName.slice(0, 104)}-3f1b9c2e-CompanionStack/1b2c3d4e-6f3c-11ef-a0b5-0a1b2c3d4e5f`),
    artifact: s3Arn('aws', policies.bucket, `${r.prefix}/0f343b0931126a20f133d67c2b018a3b`),
    'packaged-template': s3Arn('aws', policies.bucket, `${r.prefix}/6c4b1f4d0b8e8a8c4e4f2d1a9b7c3e5f.template`),
    bucket: s3Arn('aws', policies.bucket),
    transform: transformArn('aws', R, 'Serverless-2016-10-31'),
    'execution-role': exec,
  }[call.on];
  const fill: Record<string, string> = { $EXEC: exec, $CHANGESET: 'samcli-deploy1767225600', $REPO: repo, $PREFIX: r.prefix };
  const context: Record<string, string> = {};
  if (call.action.startsWith('s3:')) context['s3:ResourceAccount'] = A;
  for (const [k, v] of Object.entries(call.context ?? {})) {
    context[k] = v.replace(/\$[A-Z]+/g, (m) => fill[m] ?? m);
  }
  return { principal: p.role.arn, action: call.action, resource, context, identity: [p.github] };
}

describe(`sam deploy and sam delete (calls from ${SAM_CLI_SOURCE})`, () => {
  const { stackName } = run('python-sdk');
  const calls = [...SAM_DEPLOY_CALLS, ...SAM_DELETE_CALLS, ...CHANGE_SET_CLEANUP_CALLS];
  test.each(calls.map((call) => [call.api, call.action, call.source, call] as const))('%s (%s, %s) is allowed', async (_api, _action, _source, call) => {
    const req = samCliRequest(call, 'python-sdk', stackName);
    const verdict = call.on === 'transform'
      ? simulateUnvalidatedCall({ principal: req.principal, action: req.action, resource: req.resource, context: req.context }, req.identity)
      : await evaluate(req.principal, req.action, req.resource, req.context, req.identity);
    expect(verdict).toBe('Allowed');
  });
});

describe(`CloudFormation's resource handlers (permissions from ${SCHEMA_SOURCE}, expansions from ${SAM_SOURCE})`, () => {
  const { repo, stackName } = run('python-sdk');
  const p = policies.sdk;
  const execArn = p.role.samTesting!.executionRoleArn;
  const cases = REHEARSAL_TEMPLATES.flatMap((t) => {
    const ph = physical(t, stackName);
    return t.resources.flatMap((x) => {
      const typeCalls = HANDLER_CALLS[x.type];
      if (typeCalls === undefined) throw new Error(`${t.name}: no handler calls recorded for ${x.type}`);
      // AddPermission comes with the template's principal (extraCalls); the generic one would carry none.
      const generic = typeCalls.calls.filter((c) => !(x.type === 'AWS::Lambda::Permission' && c.action === 'lambda:AddPermission'));
      return [...generic, ...(x.extraCalls ?? [])].map((call) => {
        const fill = { $BOUNDARY: p.role.samTesting!.functionBoundaryArn, $FUNCTION: x.function ? ph.fnArn(x.function) : '' };
        return [t.name, x.logicalId, x.type, call.op, call.action, ph.target(x, call.on), handlerContext(call, repo, fill), typeCalls.schema] as const;
      });
    });
  });

  test('covers every template, resource type and operation', () => {
    expect(REHEARSAL_TEMPLATES.length).toBeGreaterThanOrEqual(9);
    expect(new Set(cases.map((c) => c[2]))).toEqual(new Set(Object.keys(HANDLER_CALLS)));
    expect(new Set(cases.map((c) => c[3]))).toEqual(new Set(['create', 'read', 'update', 'delete']));
  });

  test.each(cases)('%s: %s (%s) %s %s on %s is allowed', async (_t, _id, _type, _op, action, resource, context) => {
    expect(await evaluate(execArn, action, resource, context, [p.execution, p.executionReads])).toBe('Allowed');
  });
});

describe('the functions at run time, under the boundary', () => {
  const { stackName } = run('python-sdk');
  const p = policies.sdk;
  const cases = REHEARSAL_TEMPLATES.flatMap((t) => {
    const ph = physical(t, stackName);
    const fnx = t.resources.find((x) => x.type === 'AWS::Lambda::Function')!;
    const fnName = ph.arnOf(fnx).split(':function:')[1];
    const roleArnOf = ph.arnOf(ph.byId.get(fnx.role!)!);
    const target = (c: RuntimeCall) => {
      if (c.on === 'logs') return regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${fnName}`);
      if (c.on === 'log-stream') return regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${fnName}:log-stream:2026/12/06/[$LATEST]0f343b0931126a20`);
      if (c.on === 'star') return '*';
      if (c.on.endsWith('/stream')) return `${ph.arnOf(ph.byId.get(c.on.split('/')[0])!)}/stream/2026-12-06T00:00:00.000`;
      return ph.arnOf(ph.byId.get(c.on)!);
    };
    return t.runtime.map((c) => [t.name, c.action, target(c), roleArnOf, (c.tagged ? { [RTAG]: 'python-sdk' } : {}) as Record<string, string>] as const);
  });
  test.each(cases)('%s: %s on %s is allowed', async (_t, action, resource, principal, context) => {
    // The function role's own policies (SAM's managed policies, policy templates) grant the call; the boundary decides.
    const identity: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: '*' }] };
    expect(await simulateCall({ principal, action, resource, context }, [identity], p.boundary)).toBe('Allowed');
  });
});

describe('the tests themselves (GitHub role)', () => {
  const { stackName } = run('python-sdk');
  const ph = physical(REHEARSAL_TEMPLATES[0], stackName);
  const fnArn = ph.fnArn('HelloWorldFunction');
  const fnName = fnArn.split(':function:')[1];
  test.each([
    ['lambda:InvokeFunction', fnArn, { [RTAG]: 'python-sdk' }],
    ['lambda:GetFunctionConfiguration', fnArn, { [RTAG]: 'python-sdk' }],
    ['logs:FilterLogEvents', regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${fnName}`), {}],
  ] as const)('%s on %s is allowed', async (action, resource, context) => {
    expect(await simulateCall({ principal: policies.sdk.role.arn, action, resource, context }, [policies.sdk.github])).toBe('Allowed');
  });
});

describe('escalations, all denied', () => {
  const sdk = policies.sdk;
  const exec = sdk.role.samTesting!.executionRoleArn;
  const boundary = sdk.role.samTesting!.functionBoundaryArn;
  const mine = run('python-sdk');
  const theirs = run('python-sdk-ext');
  const ph = physical(REHEARSAL_TEMPLATES[0], mine.stackName);
  const their = physical(REHEARSAL_TEMPLATES[0], theirs.stackName);
  const myRole = ph.arnOf(ph.byId.get('HelloWorldFunctionRole')!);
  const theirFunction = their.fnArn('HelloWorldFunction');
  const theirRole = their.arnOf(their.byId.get('HelloWorldFunctionRole')!);
  const stack = (name: string) => regionalArn('aws', 'cloudformation', R, A, `stack/${name}/8c8e9a80-6f3c-11ef-a0b5-0a1b2c3d4e5f`);
  const deploy = { 'cloudformation:RoleArn': exec, 'cloudformation:ChangeSetName': 'samcli-deploy1', [TAG]: 'python-sdk' };
  const object = (key: string) => s3Arn('aws', policies.bucket, key);
  // A repository on another role whose names don't start like this one's.
  const otherStack = 'lockstep-billing--12345678901-1';
  const mapping = regionalArn('aws', 'lambda', R, A, 'event-source-mapping:5b1e0f3c-1d2a-4c7e-9f30-2a6b8c4d0e11');

  test('the other repository\'s generated names do start like this one\'s (so names alone could not scope them)', () => {
    expect(theirFunction.split(':function:')[1].startsWith('lockstep-python-sdk-')).toBe(true);
    expect(theirs.stackName.startsWith(mine.stackName.split('--')[0])).toBe(true);
    expect(theirs.stackName.startsWith('lockstep-python-sdk--')).toBe(false);
  });

  type Case = readonly [string, 'github' | 'execution', string, string, Record<string, string>];
  const cases: Case[] = [
    ['GitHub role: change set of python-sdk-ext\' stack', 'github', 'cloudformation:CreateChangeSet', stack(theirs.stackName), deploy],
    ['GitHub role: change set tagged as another repository', 'github', 'cloudformation:CreateChangeSet', stack(mine.stackName), { ...deploy, [TAG]: 'python-sdk-ext' }],
    ['GitHub role: change set without the execution role', 'github', 'cloudformation:CreateChangeSet', stack(mine.stackName), { 'cloudformation:ChangeSetName': 'samcli-deploy1', [TAG]: 'python-sdk' }],
    ['GitHub role: change set with another repository\'s execution role', 'github', 'cloudformation:CreateChangeSet', stack(mine.stackName), { ...deploy, 'cloudformation:RoleArn': policies.extras.role.samTesting!.executionRoleArn }],
    ['GitHub role: delete python-sdk-ext\' stack', 'github', 'cloudformation:DeleteStack', stack(theirs.stackName), {}],
    // An IMPORT change set would bring another repository's resource into this repository's stack, for the stack's
    // delete to remove with the execution role (sns:Unsubscribe, say, which no tag scopes).
    ['GitHub role: an IMPORT change set', 'github', 'cloudformation:CreateChangeSet', stack(mine.stackName), { ...deploy, 'cloudformation:ImportResourceTypes': 'AWS::SNS::Subscription' }],
    ['GitHub role: pass the execution role to Lambda', 'github', 'iam:PassRole', exec, { 'iam:PassedToService': 'lambda.amazonaws.com' }],
    ['GitHub role: pass a function role', 'github', 'iam:PassRole', myRole, { 'iam:PassedToService': 'cloudformation.amazonaws.com' }],
    ['GitHub role: invoke python-sdk-ext\' function', 'github', 'lambda:InvokeFunction', theirFunction, { [RTAG]: 'python-sdk-ext' }],
    ['GitHub role: read python-sdk-ext\' artifacts', 'github', 's3:GetObject', object(`python-sdk-ext/${theirs.stackName}/0f34`), { 's3:ResourceAccount': A }],
    ['GitHub role: delete python-sdk-ext\' artifacts', 'github', 's3:DeleteObject', object(`python-sdk-ext/${theirs.stackName}/0f34`), { 's3:ResourceAccount': A }],
    ['GitHub role: list python-sdk-ext\' artifacts', 'github', 's3:ListBucket', object('').replace(/\/$/, ''), { 's3:ResourceAccount': A, 's3:prefix': `python-sdk-ext/${theirs.stackName}/` }],
    ['GitHub role: upload to a same-named bucket in another account', 'github', 's3:PutObject', object(`${mine.prefix}/0f34`), { 's3:ResourceAccount': '999999999999' }],
    ['execution role: a function role without the boundary', 'execution', 'iam:CreateRole', myRole, { [TAG]: 'python-sdk' }],
    ['execution role: a function role with another boundary', 'execution', 'iam:CreateRole', myRole, { [TAG]: 'python-sdk', 'iam:PermissionsBoundary': roleArn('aws', A, '/', 'x').replace(':role/', ':policy/') }],
    ['execution role: remove a function role\'s boundary', 'execution', 'iam:DeleteRolePermissionsBoundary', myRole, { 'iam:PermissionsBoundary': boundary, [RTAG]: 'python-sdk' }],
    ['execution role: rewrite a function role\'s boundary', 'execution', 'iam:PutRolePermissionsBoundary', myRole, { 'iam:PermissionsBoundary': 'arn:aws:iam::aws:policy/AdministratorAccess', [RTAG]: 'python-sdk' }],
    ['execution role: rewrite a function role\'s trust policy', 'execution', 'iam:UpdateAssumeRolePolicy', myRole, { 'iam:PermissionsBoundary': boundary, [RTAG]: 'python-sdk' }],
    ['execution role: pass a function role to another service', 'execution', 'iam:PassRole', myRole, { 'iam:PassedToService': 'ec2.amazonaws.com', [RTAG]: 'python-sdk' }],
    ['execution role: change python-sdk-ext\' function', 'execution', 'lambda:UpdateFunctionCode', theirFunction, { [RTAG]: 'python-sdk-ext' }],
    ['execution role: delete python-sdk-ext\' function', 'execution', 'lambda:DeleteFunction', theirFunction, { [RTAG]: 'python-sdk-ext' }],
    ['execution role: make python-sdk-ext\' function public', 'execution', 'lambda:AddPermission', theirFunction, { [RTAG]: 'python-sdk-ext', 'lambda:Principal': '*' }],
    ['execution role: retag python-sdk-ext\' function as its own', 'execution', 'lambda:TagResource', theirFunction, { [TAG]: 'python-sdk', [RTAG]: 'python-sdk-ext' }],
    ['execution role: create a function tagged as python-sdk-ext', 'execution', 'lambda:CreateFunction', ph.fnArn('HelloWorldFunction'), { [TAG]: 'python-sdk-ext' }],
    ['execution role: put a policy on python-sdk-ext\' role', 'execution', 'iam:PutRolePolicy', theirRole, { 'iam:PermissionsBoundary': policies.extras.role.samTesting!.functionBoundaryArn, [RTAG]: 'python-sdk-ext' }],
    ['execution role: delete python-sdk-ext\' role', 'execution', 'iam:DeleteRole', theirRole, { 'iam:PermissionsBoundary': policies.extras.role.samTesting!.functionBoundaryArn, [RTAG]: 'python-sdk-ext' }],
    ['execution role: claim the untagged log group Lambda made for python-sdk-ext\' function', 'execution', 'logs:TagResource', regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${theirFunction.split(':function:')[1]}`), { [TAG]: 'python-sdk' }],
    ['execution role: claim the untagged log group Lambda made for another repository\'s function', 'execution', 'logs:TagResource', regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${generatedPhysicalName(otherStack, 'HelloWorldFunction', 64)}`), { [TAG]: 'python-sdk' }],
    ['execution role: claim an untagged log group of any other name', 'execution', 'logs:TagResource', regionalArn('aws', 'logs', R, A, 'log-group:/production/api'), { [TAG]: 'python-sdk' }],
    ['execution role: overwrite python-sdk-ext\' schedule rule (PutRule creates or replaces)', 'execution', 'events:PutRule', regionalArn('aws', 'events', R, A, `rule/${generatedPhysicalName(theirs.stackName, 'NodeFunctionNightly', 64)}`), { [TAG]: 'python-sdk', [RTAG]: 'python-sdk-ext' }],
    // Lambda's log group for a function: named after it, untagged; python-sdk-ext' names start like python-sdk's.
    ['GitHub role: read python-sdk-ext\' function logs', 'github', 'logs:FilterLogEvents', regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${theirFunction.split(':function:')[1]}`), {}],
    ['GitHub role: read a log stream of python-sdk-ext\' function', 'github', 'logs:GetLogEvents', regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${theirFunction.split(':function:')[1]}:log-stream:2026/12/06/[$LATEST]0f34`), {}],
    ['execution role: delete python-sdk-ext\' log group', 'execution', 'logs:DeleteLogGroup', regionalArn('aws', 'logs', R, A, `log-group:${theirs.stackName}-Logs-Ab3dEf6hIj9L`), { [RTAG]: 'python-sdk-ext' }],
    ['execution role: read python-sdk-ext\' artifacts', 'execution', 's3:GetObject', object(`python-sdk-ext/${theirs.stackName}/0f34`), { 's3:ResourceAccount': A }],
    ['execution role: read artifacts of a same-named bucket in another account', 'execution', 's3:GetObject', object(`${mine.prefix}/0f34`), { 's3:ResourceAccount': '999999999999' }],
    ['execution role: a role outside the test stacks\' names', 'execution', 'iam:CreateRole', roleArn('aws', A, '/', 'Admin'), { [TAG]: 'python-sdk', 'iam:PermissionsBoundary': boundary }],
    // Event source mappings: scoped by their own tag and by the function they point at.
    ['execution role: create a mapping tagged as python-sdk-ext', 'execution', 'lambda:CreateEventSourceMapping', '*', { [TAG]: 'python-sdk-ext', 'lambda:FunctionArn': ph.fnArn('HelloWorldFunction') }],
    ['execution role: repoint python-sdk-ext\' mapping', 'execution', 'lambda:UpdateEventSourceMapping', mapping, { [RTAG]: 'python-sdk-ext', 'lambda:FunctionArn': theirFunction }],
    ['execution role: delete python-sdk-ext\' mapping', 'execution', 'lambda:DeleteEventSourceMapping', mapping, { [RTAG]: 'python-sdk-ext', 'lambda:FunctionArn': theirFunction }],
    ['execution role: retag python-sdk-ext\' mapping as its own', 'execution', 'lambda:TagResource', mapping, { [TAG]: 'python-sdk', [RTAG]: 'python-sdk-ext' }],
  ];
  test.each(cases)('%s', async (_name, who, action, resource, context) => {
    const identity = who === 'github' ? [sdk.github] : [sdk.execution, sdk.executionReads];
    const principal = who === 'github' ? sdk.role.arn : exec;
    expect(await simulateCall({ principal, action, resource, context }, identity)).not.toBe('Allowed');
  });

  test('a function role can\'t reach another repository\'s table or logs, or anything outside the boundary', async () => {
    const admin: Doc = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] };
    const tableOf = (stackName: string) => regionalArn('aws', 'dynamodb', R, A, `table/${generatedPhysicalName(stackName, 'ItemsTable', 255)}`);
    const table = tableOf(theirs.stackName);
    expect(await simulateCall({ principal: myRole, action: 'dynamodb:PutItem', resource: table, context: { [RTAG]: 'python-sdk-ext' } }, [admin], sdk.boundary)).not.toBe('Allowed');
    // Streams carry no tag of their own: another repository's, a namesake's included, are out of reach; its own are not.
    const stream = (t: string) => `${t}/stream/2026-12-06T00:00:00.000`;
    for (const t of [table, tableOf(otherStack)]) {
      expect(await simulateCall({ principal: myRole, action: 'dynamodb:GetRecords', resource: stream(t), context: { [RTAG]: 'python-sdk-ext' } }, [admin], sdk.boundary)).not.toBe('Allowed');
    }
    expect(await simulateCall({ principal: myRole, action: 'dynamodb:GetRecords', resource: stream(tableOf(mine.stackName)) }, [admin], sdk.boundary)).toBe('Allowed');
    // So an event source mapping this repository points at python-sdk-ext' function (both are test functions) can't
    // poll: Lambda polls with that function's role, whose boundary reaches none of this repository's queues and streams.
    const extras = policies.extras;
    const queue = regionalArn('aws', 'sqs', R, A, generatedPhysicalName(mine.stackName, 'MyQueue', 80));
    expect(await simulateCall({ principal: theirRole, action: 'sqs:ReceiveMessage', resource: queue, context: { [RTAG]: 'python-sdk' } }, [admin], extras.boundary)).not.toBe('Allowed');
    expect(await simulateCall({ principal: theirRole, action: 'dynamodb:GetRecords', resource: stream(tableOf(mine.stackName)) }, [admin], extras.boundary)).not.toBe('Allowed');
    expect(await simulateCall({ principal: theirRole, action: 'dynamodb:GetRecords', resource: stream(tableOf(theirs.stackName)) }, [admin], extras.boundary)).toBe('Allowed');
    expect(await simulateCall({ principal: myRole, action: 'iam:CreateRole', resource: roleArn('aws', A, '/', 'x') }, [admin], sdk.boundary)).not.toBe('Allowed');
    expect(await simulateCall({ principal: myRole, action: 's3:GetObject', resource: object(`${mine.prefix}/0f34`), context: { 's3:ResourceAccount': A } }, [admin], sdk.boundary)).not.toBe('Allowed');
    // Writing into python-sdk-ext' function logs (their names start like this repository's); its own stay writable.
    const logStream = (fn: string) => regionalArn('aws', 'logs', R, A, `log-group:/aws/lambda/${fn.split(':function:')[1]}:log-stream:2026/12/06/[$LATEST]0f34`);
    expect(await simulateCall({ principal: myRole, action: 'logs:PutLogEvents', resource: logStream(theirFunction) }, [admin], sdk.boundary)).not.toBe('Allowed');
    expect(await simulateCall({ principal: myRole, action: 'logs:PutLogEvents', resource: logStream(ph.fnArn('HelloWorldFunction')) }, [admin], sdk.boundary)).toBe('Allowed');
  });
});

describe('generatedPhysicalName (the port of IdentifierUtils)', () => {
  // Examples computed from the Java (research notes physical-names.md §1).
  test.each([
    ['lockstep-pr-123', 'HelloWorldFunction', 'lockstep-pr-123-HelloWorldFunction-'],
    ['lockstep-test-myrepo-pull-4567-attempt-1', 'HelloWorldFunctionRole', 'lockstep-test-myrepo-pull-45-HelloWorldFunctionRole-'],
    ['lockstep-test-myrepo-pull-4567-attempt-1', 'HelloWorldFunction', 'lockstep-test-myrepo-pull-4567-a-HelloWorldFunction-'],
    ['lockstep-test-myrepo-pull-4567-attempt-1', 'ScheduledFunctionSchedule1', 'lockstep-test-myrepo-pull-ScheduledFunctionSchedule-'],
  ])('%s + %s', (stackName, logicalId, prefix) => {
    const name = generatedPhysicalName(stackName, logicalId, 64);
    expect(name.slice(0, -12)).toBe(prefix);
    expect(name.length).toBeLessThanOrEqual(64);
  });

  test('collapses the "--" delimiter: generated names can\'t carry the repository scope', () => {
    expect(generatedPhysicalName('lockstep-python-sdk--1-1', 'F', 64)).toBe('lockstep-python-sdk-1-1-F-Ab3dEf6hIj9L');
  });
});
