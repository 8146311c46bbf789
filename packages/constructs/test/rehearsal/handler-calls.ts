// The calls CloudFormation's resource handlers make with the execution role, per resource type, as facts read from
// the resource provider schemas' `handlers.<op>.permissions` (research notes /work/research/11/handler-permissions.md).
// The schemas list every permission of every optional feature; these are the ones the supported templates reach
// (no KMS, VPC, code signing, Kinesis, imports).

/** Where the handler permissions were read: copies of the CloudFormation registry schemas. */
export const SCHEMA_SOURCE = 'hashicorp/terraform-provider-awscc@f995d4f4139602dbb9044f3108702f2a1837a872 internal/service/cloudformation/schemas';

/**
 * What a call is authorized against: the resource itself, its function role or target function, the code object,
 * the API Gateway collection or a sub-path of the API, or `*`.
 */
export type HandlerTarget =
  | 'self' | 'self-version' | 'role' | 'function' | 'code' | 'star'
  | 'api-collection' | 'api-stages' | 'api-stage' | 'api-deployments' | 'api-deployment' | 'api-tags'
  | 'topic' | 'stream' | 'esm'
  | `layer:${string}`;

/** How the call carries the repository tag. */
export type TagUse = 'request' | 'resource' | 'request+resource';

/** One handler call. */
export interface HandlerCall {
  readonly op: 'create' | 'read' | 'update' | 'delete';
  readonly action: string;
  readonly on: HandlerTarget;
  /** @default the call carries no tag key */
  readonly tags?: TagUse;
  /** Extra request context. @default none */
  readonly context?: Readonly<Record<string, string>>;
}

/** Handler calls of one type, and the schema file they come from. */
export interface TypeCalls {
  readonly schema: string;
  readonly calls: readonly HandlerCall[];
}

const c = (op: HandlerCall['op'], action: string, on: HandlerTarget, tags?: TagUse, context?: Record<string, string>): HandlerCall =>
  ({ op, action, on, ...(tags ? { tags } : {}), ...(context ? { context } : {}) });

export const HANDLER_CALLS: Readonly<Record<string, TypeCalls>> = {
  'AWS::Lambda::Function': {
    schema: 'AWS_Lambda_Function.json',
    calls: [
      c('create', 'lambda:CreateFunction', 'self', 'request'),
      c('create', 'iam:PassRole', 'role', 'resource', { 'iam:PassedToService': 'lambda.amazonaws.com' }),
      c('create', 's3:GetObject', 'code'),
      c('create', 's3:GetObjectVersion', 'code'),
      c('create', 'lambda:GetFunction', 'self'),
      c('create', 'lambda:TagResource', 'self', 'request'),
      c('create', 'lambda:GetRuntimeManagementConfig', 'self'),
      c('create', 'lambda:GetFunctionRecursionConfig', 'self'),
      c('read', 'lambda:GetFunction', 'self'),
      c('read', 'lambda:GetFunctionCodeSigningConfig', 'self'),
      c('read', 'lambda:GetFunctionRecursionConfig', 'self'),
      c('read', 'lambda:GetRuntimeManagementConfig', 'self'),
      c('update', 'lambda:UpdateFunctionCode', 'self', 'resource'),
      c('update', 'lambda:UpdateFunctionConfiguration', 'self', 'resource'),
      c('update', 'lambda:PublishVersion', 'self', 'resource'),
      c('update', 'lambda:UntagResource', 'self', 'resource'),
      c('delete', 'lambda:DeleteFunction', 'self', 'resource'),
      c('delete', 'lambda:GetFunction', 'self'),
      c('delete', 'ec2:DescribeNetworkInterfaces', 'star'),
    ],
  },
  'AWS::IAM::Role': {
    schema: 'AWS_IAM_Role.json',
    calls: [
      c('create', 'iam:CreateRole', 'self', 'request', { 'iam:PermissionsBoundary': '$BOUNDARY' }),
      c('create', 'iam:AttachRolePolicy', 'self', 'resource', { 'iam:PermissionsBoundary': '$BOUNDARY', 'iam:PolicyARN': 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }),
      c('create', 'iam:PutRolePolicy', 'self', 'resource', { 'iam:PermissionsBoundary': '$BOUNDARY' }),
      c('create', 'iam:GetRolePolicy', 'self'),
      c('create', 'iam:TagRole', 'self', 'request+resource'),
      c('create', 'iam:GetRole', 'self'),
      c('read', 'iam:GetRole', 'self'),
      c('read', 'iam:ListAttachedRolePolicies', 'self'),
      c('read', 'iam:ListRolePolicies', 'self'),
      c('read', 'iam:GetRolePolicy', 'self'),
      c('delete', 'iam:DetachRolePolicy', 'self', 'resource', { 'iam:PermissionsBoundary': '$BOUNDARY', 'iam:PolicyARN': 'arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole' }),
      c('delete', 'iam:DeleteRolePolicy', 'self', 'resource', { 'iam:PermissionsBoundary': '$BOUNDARY' }),
      c('delete', 'iam:ListAttachedRolePolicies', 'self'),
      c('delete', 'iam:ListRolePolicies', 'self'),
      c('delete', 'iam:DeleteRole', 'self', 'resource', { 'iam:PermissionsBoundary': '$BOUNDARY' }),
      c('delete', 'iam:GetRole', 'self'),
    ],
  },
  'AWS::Lambda::Permission': {
    schema: 'AWS_Lambda_Permission.json',
    calls: [c('create', 'lambda:AddPermission', 'function', 'resource'), c('read', 'lambda:GetPolicy', 'function'), c('delete', 'lambda:RemovePermission', 'function', 'resource')],
  },
  'AWS::Lambda::Url': {
    schema: 'AWS_Lambda_Url.json',
    calls: [
      c('create', 'lambda:CreateFunctionUrlConfig', 'function', 'resource', { 'lambda:FunctionUrlAuthType': 'NONE' }),
      c('read', 'lambda:GetFunctionUrlConfig', 'function'),
      c('delete', 'lambda:DeleteFunctionUrlConfig', 'function', 'resource'),
    ],
  },
  'AWS::Lambda::LayerVersion': {
    schema: 'AWS_Lambda_LayerVersion.json',
    calls: [
      c('create', 'lambda:PublishLayerVersion', 'self'),
      c('create', 's3:GetObject', 'code'),
      c('create', 's3:GetObjectVersion', 'code'),
      c('read', 'lambda:GetLayerVersion', 'self-version'),
      c('delete', 'lambda:GetLayerVersion', 'self-version'),
      c('delete', 'lambda:DeleteLayerVersion', 'self-version'),
    ],
  },
  'AWS::Lambda::EventSourceMapping': {
    schema: 'AWS_Lambda_EventSourceMapping.json',
    calls: [
      // Taggable with tagOnCreate: the stack tags reach CreateEventSourceMapping, which IAM also authorizes as
      // lambda:TagResource on the new mapping; the read handler lists them (lambda:ListTags).
      c('create', 'lambda:CreateEventSourceMapping', 'star', 'request', { 'lambda:FunctionArn': '$FUNCTION' }),
      c('create', 'lambda:GetEventSourceMapping', 'esm', undefined, { 'lambda:FunctionArn': '$FUNCTION' }),
      c('create', 'lambda:TagResource', 'esm', 'request'),
      c('read', 'lambda:GetEventSourceMapping', 'esm', undefined, { 'lambda:FunctionArn': '$FUNCTION' }),
      c('read', 'lambda:ListTags', 'esm'),
      c('update', 'lambda:UpdateEventSourceMapping', 'esm', 'resource', { 'lambda:FunctionArn': '$FUNCTION' }),
      c('update', 'lambda:TagResource', 'esm', 'request+resource'),
      c('update', 'lambda:UntagResource', 'esm', 'resource'),
      c('delete', 'lambda:DeleteEventSourceMapping', 'esm', 'resource', { 'lambda:FunctionArn': '$FUNCTION' }),
      c('delete', 'lambda:GetEventSourceMapping', 'esm', undefined, { 'lambda:FunctionArn': '$FUNCTION' }),
    ],
  },
  'AWS::ApiGateway::RestApi': {
    schema: 'AWS_ApiGateway_RestApi.json',
    calls: [
      c('create', 'apigateway:POST', 'api-collection', 'request'),
      c('create', 'apigateway:PUT', 'self', 'resource'),
      c('create', 'apigateway:GET', 'self'),
      c('read', 'apigateway:GET', 'self'),
      c('delete', 'apigateway:DELETE', 'self', 'resource'),
    ],
  },
  'AWS::ApiGateway::Deployment': {
    schema: 'AWS_ApiGateway_Deployment.json',
    calls: [
      c('create', 'apigateway:POST', 'api-deployments', 'resource'),
      c('create', 'apigateway:GET', 'api-deployment'),
      c('read', 'apigateway:GET', 'api-deployment'),
      c('delete', 'apigateway:DELETE', 'api-deployment', 'resource'),
    ],
  },
  'AWS::ApiGateway::Stage': {
    schema: 'AWS_ApiGateway_Stage.json',
    calls: [
      c('create', 'apigateway:POST', 'api-stages', 'resource'),
      c('create', 'apigateway:PATCH', 'api-stage', 'resource'),
      c('create', 'apigateway:GET', 'api-stage'),
      c('read', 'apigateway:GET', 'api-stage'),
      c('delete', 'apigateway:DELETE', 'api-stage', 'resource'),
    ],
  },
  'AWS::ApiGatewayV2::Api': {
    schema: 'AWS_ApiGatewayV2_Api.json',
    calls: [
      c('create', 'apigateway:POST', 'api-collection', 'request'),
      c('create', 'apigateway:PUT', 'self', 'resource'),
      c('read', 'apigateway:GET', 'self'),
      c('delete', 'apigateway:GET', 'self'),
      c('delete', 'apigateway:DELETE', 'self', 'resource'),
    ],
  },
  'AWS::ApiGatewayV2::Stage': {
    schema: 'AWS_ApiGatewayV2_Stage.json',
    calls: [
      // HTTP API children inherit no tags for access control (only REST API children do: API Gateway developer guide,
      // apigateway-tagging-supported-resources.html); the stage's own tags are in the request.
      c('create', 'apigateway:POST', 'api-stages', 'request'),
      // The schema lists "apigateway:TagResource"; IAM authorizes TagResource as PUT on /tags/<resource ARN>.
      c('create', 'apigateway:PUT', 'api-tags', 'request+resource'),
      c('read', 'apigateway:GET', 'api-stage'),
      c('delete', 'apigateway:DELETE', 'api-stage', 'resource'),
    ],
  },
  'AWS::SQS::Queue': {
    schema: 'AWS_SQS_Queue.json',
    calls: [
      c('create', 'sqs:CreateQueue', 'self', 'request'),
      c('create', 'sqs:GetQueueUrl', 'self'),
      c('create', 'sqs:GetQueueAttributes', 'self'),
      c('create', 'sqs:ListQueueTags', 'self'),
      c('create', 'sqs:TagQueue', 'self', 'request+resource'),
      c('read', 'sqs:GetQueueAttributes', 'self'),
      c('read', 'sqs:ListQueueTags', 'self'),
      c('delete', 'sqs:DeleteQueue', 'self', 'resource'),
      c('delete', 'sqs:GetQueueAttributes', 'self'),
    ],
  },
  'AWS::SNS::Topic': {
    schema: 'AWS_SNS_Topic.json',
    calls: [
      c('create', 'sns:GetTopicAttributes', 'self'),
      c('create', 'sns:CreateTopic', 'self', 'request'),
      c('create', 'sns:TagResource', 'self', 'request'),
      c('read', 'sns:GetTopicAttributes', 'self'),
      c('read', 'sns:ListTagsForResource', 'self'),
      c('read', 'sns:ListSubscriptionsByTopic', 'self'),
      c('read', 'sns:GetDataProtectionPolicy', 'self'),
      c('delete', 'sns:GetTopicAttributes', 'self'),
      c('delete', 'sns:DeleteTopic', 'self', 'resource'),
    ],
  },
  'AWS::SNS::Subscription': {
    schema: 'AWS_SNS_Subscription.json',
    calls: [
      c('create', 'sns:Subscribe', 'topic', 'resource', { 'sns:Protocol': 'lambda', 'sns:Endpoint': '$FUNCTION' }),
      c('read', 'sns:GetSubscriptionAttributes', 'topic'),
      c('delete', 'sns:Unsubscribe', 'topic'),
      c('delete', 'sns:GetSubscriptionAttributes', 'topic'),
    ],
  },
  'AWS::DynamoDB::Table': {
    schema: 'AWS_DynamoDB_Table.json',
    calls: [
      c('create', 'dynamodb:CreateTable', 'self', 'request'),
      c('create', 'dynamodb:DescribeTable', 'self'),
      c('create', 'dynamodb:DescribeTimeToLive', 'self'),
      c('create', 'dynamodb:DescribeContinuousBackups', 'self'),
      c('create', 'dynamodb:DescribeContributorInsights', 'self'),
      c('create', 'dynamodb:ListTagsOfResource', 'self'),
      c('create', 'dynamodb:TagResource', 'self', 'request+resource'),
      c('read', 'dynamodb:DescribeTable', 'self'),
      c('read', 'dynamodb:DescribeContinuousBackups', 'self'),
      c('read', 'dynamodb:DescribeContributorInsights', 'self'),
      c('read', 'dynamodb:DescribeKinesisStreamingDestination', 'self'),
      c('read', 'dynamodb:ListTagsOfResource', 'self'),
      c('read', 'dynamodb:GetResourcePolicy', 'self'),
      c('read', 'dynamodb:DescribeTimeToLive', 'self'),
      c('delete', 'dynamodb:DeleteTable', 'self', 'resource'),
      c('delete', 'dynamodb:DescribeTable', 'self'),
    ],
  },
  'AWS::Logs::LogGroup': {
    schema: 'AWS_Logs_LogGroup.json (handler: aws-cloudformation/aws-cloudformation-resource-providers-logs@5cc1716174e6080698648523b8c5754175592b47, tags sent in CreateLogGroup)',
    calls: [
      c('create', 'logs:DescribeLogGroups', 'star'),
      c('create', 'logs:CreateLogGroup', 'self', 'request'),
      c('create', 'logs:PutRetentionPolicy', 'self', 'resource'),
      c('create', 'logs:TagResource', 'self', 'request'),
      c('read', 'logs:DescribeLogGroups', 'star'),
      c('read', 'logs:ListTagsForResource', 'self'),
      c('read', 'logs:GetDataProtectionPolicy', 'self'),
      c('delete', 'logs:DescribeLogGroups', 'star'),
      c('delete', 'logs:DeleteLogGroup', 'self', 'resource'),
    ],
  },
  'AWS::Events::Rule': {
    schema: 'AWS_Events_Rule.json (handler: aws-cloudformation/aws-cloudformation-resource-providers-events@5f8850a31f2cbecfcdaf19cf1168bda9225fc75e)',
    calls: [
      c('create', 'events:DescribeRule', 'self'),
      c('create', 'events:PutRule', 'self', 'request'),
      c('create', 'events:PutTargets', 'self', 'resource', { 'events:TargetArn': '$FUNCTION' }),
      c('create', 'events:TagResource', 'self', 'request+resource'),
      c('read', 'events:DescribeRule', 'self'),
      c('read', 'events:ListTargetsByRule', 'self'),
      c('read', 'events:ListTagsForResource', 'self'),
      c('delete', 'events:DescribeRule', 'self'),
      c('delete', 'events:RemoveTargets', 'self', 'resource'),
      c('delete', 'events:DeleteRule', 'self', 'resource'),
      c('delete', 'events:ListTargetsByRule', 'self'),
    ],
  },
};
