// Realistic SAM test templates, as the resources the SAM transform expands them into (facts read from the SAM
// translator's test outputs, research notes /work/research/11/sam-expansions.md), plus what the functions call at run time.
import type { HandlerCall } from './handler-calls';

/** Where the expansions were read. */
export const SAM_SOURCE = 'aws/serverless-application-model@7000d0a3b0e5e0d9fca014ce135850718aad1290 tests/translator/output';

/** One CloudFormation resource of an expanded template. */
export interface Emitted {
  readonly logicalId: string;
  readonly type: string;
  /** For resources that act on a function (Permission, Url, ESM, Subscription, Rule targets): its logical id. */
  readonly function?: string;
  /** For a function: its role's logical id. */
  readonly role?: string;
  /** For a subscription: the topic's logical id. */
  readonly topic?: string;
  /** For a layer: the LayerName the template sets (`${AWS::StackName}` replaced). */
  readonly layerName?: string;
  /**
   * For a log group the template names after a function (`LogGroupName: !Sub /aws/lambda/${Fn}`, to set its
   * retention): that function's logical id. @default a name CloudFormation generates
   */
  readonly logsOf?: string;
  /** Calls this resource's features add to its type's handler calls (e.g. ReservedConcurrentExecutions). */
  readonly extraCalls?: readonly HandlerCall[];
}

/** A call a function makes with its role at run time, which the boundary must allow. */
export interface RuntimeCall {
  readonly action: string;
  /** `logs`, `log-stream`, `star`, or a resource's logical id (its ARN), `<id>/stream` for a table's stream. */
  readonly on: string;
  /** The resource carries the repository tag. @default false */
  readonly tagged?: boolean;
}

/** One rehearsal template. */
export interface RehearsalTemplate {
  readonly name: string;
  /** Translator test outputs this expansion follows. */
  readonly source: string;
  readonly resources: readonly Emitted[];
  readonly runtime: readonly RuntimeCall[];
}

const fn = (logicalId: string, extraCalls?: readonly HandlerCall[]): Emitted[] => [
  { logicalId, type: 'AWS::Lambda::Function', role: `${logicalId}Role`, ...(extraCalls ? { extraCalls } : {}) },
  { logicalId: `${logicalId}Role`, type: 'AWS::IAM::Role' },
];
const LOGS: RuntimeCall[] = [{ action: 'logs:CreateLogGroup', on: 'logs' }, { action: 'logs:CreateLogStream', on: 'log-stream' }, { action: 'logs:PutLogEvents', on: 'log-stream' }];
const permission = (logicalId: string, fnId: string, principal: string, extra: Record<string, string> = {}): Emitted => ({
  logicalId, type: 'AWS::Lambda::Permission', function: fnId,
  extraCalls: [{ op: 'create', action: 'lambda:AddPermission', on: 'function', tags: 'resource', context: { 'lambda:Principal': principal, ...extra } }],
});

export const REHEARSAL_TEMPLATES: readonly RehearsalTemplate[] = [
  { name: 'hello-world (python3.12)', source: 'basic_function.json, function_with_permissions_boundary.json', resources: fn('HelloWorldFunction'), runtime: LOGS },
  {
    name: 'Api event (implicit REST API)',
    source: 'implicit_api.json',
    resources: [
      ...fn('HelloWorldFunction'),
      { logicalId: 'ServerlessRestApi', type: 'AWS::ApiGateway::RestApi' },
      { logicalId: 'ServerlessRestApiDeployment47fc2d5f9d', type: 'AWS::ApiGateway::Deployment' },
      { logicalId: 'ServerlessRestApiProdStage', type: 'AWS::ApiGateway::Stage' },
      permission('HelloWorldFunctionHelloWorldPermissionProd', 'HelloWorldFunction', 'apigateway.amazonaws.com'),
    ],
    runtime: LOGS,
  },
  {
    name: 'HttpApi event (implicit HTTP API)',
    source: 'implicit_http_api.json',
    resources: [
      ...fn('HttpFunction'),
      { logicalId: 'ServerlessHttpApi', type: 'AWS::ApiGatewayV2::Api' },
      { logicalId: 'ServerlessHttpApiApiGatewayDefaultStage', type: 'AWS::ApiGatewayV2::Stage' },
      permission('HttpFunctionGetRootPermission', 'HttpFunction', 'apigateway.amazonaws.com'),
    ],
    runtime: LOGS,
  },
  {
    name: 'function URL (AuthType NONE)',
    source: 'function_with_function_url_config.json',
    resources: [
      ...fn('UrlFunction'),
      { logicalId: 'UrlFunctionUrl', type: 'AWS::Lambda::Url', function: 'UrlFunction' },
      permission('UrlFunctionUrlPublicPermissions', 'UrlFunction', '*', { 'lambda:FunctionUrlAuthType': 'NONE' }),
      permission('UrlFunctionURLInvokeAllowPublicAccess', 'UrlFunction', '*'),
    ],
    runtime: LOGS,
  },
  {
    name: 'layer (LayerName from the stack name) and a published layer',
    source: 'basic_layer.json, function_with_layers.json',
    resources: [
      { logicalId: 'DepsLayer0c7f96cce7', type: 'AWS::Lambda::LayerVersion', layerName: '${AWS::StackName}-deps' },
      ...fn('LayeredFunction', [
        { op: 'create', action: 'lambda:GetLayerVersion', on: 'layer:DepsLayer0c7f96cce7' },
        { op: 'create', action: 'lambda:GetLayerVersion', on: 'layer:powertools' },
      ]),
    ],
    runtime: LOGS,
  },
  {
    name: 'SQS event source',
    source: 'sqs.json',
    resources: [
      { logicalId: 'WorkQueue', type: 'AWS::SQS::Queue' },
      ...fn('QueueFunction'),
      { logicalId: 'QueueFunctionMySqsEvent', type: 'AWS::Lambda::EventSourceMapping', function: 'QueueFunction' },
    ],
    runtime: [...LOGS, { action: 'sqs:ReceiveMessage', on: 'WorkQueue', tagged: true }, { action: 'sqs:DeleteMessage', on: 'WorkQueue', tagged: true }, { action: 'sqs:GetQueueAttributes', on: 'WorkQueue', tagged: true }],
  },
  {
    name: 'SimpleTable with a DynamoDBCrudPolicy template',
    source: 'simpletable.json, all_policy_templates.json (DynamoDBCrudPolicy)',
    resources: [
      { logicalId: 'ItemsTable', type: 'AWS::DynamoDB::Table' },
      ...fn('CrudFunction', [{ op: 'create', action: 'iam:PutRolePolicy', on: 'role', tags: 'resource', context: { 'iam:PermissionsBoundary': '$BOUNDARY' } }]),
    ],
    runtime: [...LOGS, { action: 'dynamodb:PutItem', on: 'ItemsTable', tagged: true }, { action: 'dynamodb:GetItem', on: 'ItemsTable', tagged: true }, { action: 'dynamodb:Query', on: 'ItemsTable', tagged: true }],
  },
  {
    name: 'arm64 with reserved concurrency and active tracing',
    source: 'function_with_architectures.json, function_concurrency.json, basic_function.json (FunctionWithTracing)',
    resources: fn('TracedFunction', [
      { op: 'create', action: 'lambda:PutFunctionConcurrency', on: 'self', tags: 'resource' },
      { op: 'delete', action: 'lambda:DeleteFunctionConcurrency', on: 'self', tags: 'resource' },
      { op: 'read', action: 'lambda:GetFunctionConcurrency', on: 'self' },
    ]),
    runtime: [...LOGS, { action: 'xray:PutTraceSegments', on: 'star' }, { action: 'xray:PutTelemetryRecords', on: 'star' }, { action: 'xray:GetSamplingRules', on: 'star' }],
  },
  {
    name: 'Node.js with SNS and Schedule events and a log group',
    source: 'sns.json, function_with_event_schedule_state.json (Schedule)',
    resources: [
      { logicalId: 'Notifications', type: 'AWS::SNS::Topic' },
      ...fn('NodeFunction'),
      { logicalId: 'NodeFunctionNotify', type: 'AWS::SNS::Subscription', function: 'NodeFunction', topic: 'Notifications' },
      permission('NodeFunctionNotifyPermission', 'NodeFunction', 'sns.amazonaws.com'),
      { logicalId: 'NodeFunctionNightly', type: 'AWS::Events::Rule', function: 'NodeFunction' },
      permission('NodeFunctionNightlyPermission', 'NodeFunction', 'events.amazonaws.com'),
      { logicalId: 'NodeFunctionLogs', type: 'AWS::Logs::LogGroup' },
      // The common way to set the retention of a function's logs (packages/cli/test/fixtures/sam/nodejs.yaml).
      { logicalId: 'NodeFunctionRetention', type: 'AWS::Logs::LogGroup', logsOf: 'NodeFunction' },
    ],
    runtime: LOGS,
  },
  {
    name: 'DynamoDB stream event',
    source: 'streams.json',
    resources: [
      { logicalId: 'EventsTable', type: 'AWS::DynamoDB::Table' },
      ...fn('StreamFunction'),
      { logicalId: 'StreamFunctionStream', type: 'AWS::Lambda::EventSourceMapping', function: 'StreamFunction' },
    ],
    runtime: [...LOGS, { action: 'dynamodb:DescribeStream', on: 'EventsTable/stream' }, { action: 'dynamodb:GetRecords', on: 'EventsTable/stream' },
      { action: 'dynamodb:GetShardIterator', on: 'EventsTable/stream' }, { action: 'dynamodb:ListStreams', on: 'star' }],
  },
];
