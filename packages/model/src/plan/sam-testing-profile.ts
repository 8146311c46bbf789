import { byName, compareStrings } from '../basics/compare-strings';
import type { ConditionBlock } from '../iam/policy-document';
import type { Partition } from '../iam/partition';
import { apiGatewayArn, regionalArn, roleArn, s3Arn, transformArn } from '../iam/arn';
import { generatedNamePrefix, repoStackPrefix, TEST_NAME_FAMILY, TEST_STACK_TAG_KEY } from '../config/stack-names';
import type { ExtraStatement } from '../config/config';

/**
 * Everything the `sam-lambda-testing` profile of one role is scoped to: one environment, the repositories mapped
 * to the role (their stack-name prefix, artifact key prefix and `lockstep:repository` tag value), and the two IAM
 * resources of the pattern.
 */
export interface SamTestingScope {
  /** The environment's partition, written into every ARN (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: Partition;
  /** The environment's 12-digit account id. */
  readonly account: string;
  /** The environment's region: the test stacks and everything in them live there. */
  readonly region: string;
  /** The repositories mapped to the role that deploy test stacks. */
  readonly repos: readonly SamTestingRepo[];
  /** The environment's artifact bucket (`sam deploy --s3-bucket`). */
  readonly artifactBucket: string;
  /** ARN of the CloudFormation execution role the GitHub role may pass (`sam deploy --role-arn`). */
  readonly executionRoleArn: string;
  /** ARN of the managed policy every function role must carry as its permissions boundary. */
  readonly functionBoundaryArn: string;
  /**
   * Repositories of other roles whose generated names start like this role's (`ResolvedSamTesting.namesakes`):
   * the log groups Lambda creates for their functions and the streams of their tables are denied.
   * @default none
   */
  readonly namesakes?: readonly string[];
  /**
   * Statements the config adds to the execution role for what the profile doesn't cover, each with its reason.
   * @default none
   */
  readonly extraStatements?: readonly ExtraStatement[];
}

/** One repository of a {@link SamTestingScope}. */
export interface SamTestingRepo {
  /** The repository name: the value of its stacks' `lockstep:repository` tag (`sam deploy --tags`). */
  readonly name: string;
  /** Its test stacks' name prefix, `lockstep-<repo>--` (see `repoStackPrefix`). */
  readonly stackPrefix: string;
  /** Its key prefix in the artifact bucket, `<repo>/` (a trailing `/` is optional). */
  readonly artifactPrefix: string;
}

/** One resource of a statement; a wildcard carries the reason a reviewer accepts it. */
export interface ScopedResource {
  readonly arn: string;
  /** Why the `*` in `arn` is acceptable; present exactly when `arn` contains `*`. */
  readonly wildcardReason?: string;
}

/** One statement with the reason it exists. */
export interface SamTestingStatement {
  /** Statement id, letters and digits. */
  readonly sid: string;
  /** @default 'Allow' */
  readonly effect?: 'Allow' | 'Deny';
  /** Why the role needs these actions: which SAM CLI call or CloudFormation handler makes them. */
  readonly why: string;
  /** Actions, sorted; never a wildcard. */
  readonly actions: readonly string[];
  readonly resources: readonly ScopedResource[];
  /** IAM `Condition` block. @default no condition */
  readonly condition?: ConditionBlock;
}

/** The three statement lists of the `sam-lambda-testing` profile (the `sam pipeline bootstrap` pattern). */
export interface SamTestingPermissions {
  /** Inline policy of the role GitHub assumes: drive change sets, artifacts, pass one role, read test results. */
  readonly githubRole: readonly SamTestingStatement[];
  /** Inline policy of the CloudFormation execution role: create, change and delete every resource of the supported set. */
  readonly executionRole: readonly SamTestingStatement[];
  /**
   * The execution role's read-only statements, attached as a managed policy of their own (6,144 characters): only
   * the artifact prefixes grow with the number of repositories, and the inline policy stays within IAM's 10,240.
   */
  readonly executionRoleReads: readonly SamTestingStatement[];
  /** The permissions boundary of every function role: the most a test function may ever do. */
  readonly functionBoundary: readonly SamTestingStatement[];
}

/** The IAM JSON of one statement list, as CloudFormation and IAM take it. */
export interface PolicyJson {
  readonly Version: '2012-10-17';
  readonly Statement: ReadonlyArray<Record<string, unknown>>;
}

/** The SAM transform a change set of a SAM template goes through. */
export const SAM_TRANSFORM = 'Serverless-2016-10-31';

/** One resource type or SAM feature the profile deploys, with how it is scoped: the docs page's table. */
export interface SupportedResource {
  /** `AWS::Serverless::Function` or a plain CloudFormation type. */
  readonly type: string;
  /** SAM properties or events covered, empty for the whole type. */
  readonly features: readonly string[];
  /** How the execution role's permissions are scoped for it. */
  readonly scope: string;
  /** What the template must do for it, if anything. @default nothing */
  readonly requires?: string;
}

const TAG_SCOPE = `the stack tag ${TEST_STACK_TAG_KEY}: created with it (aws:RequestTag), changed and deleted only with it (aws:ResourceTag)`;

/**
 * What the `sam-lambda-testing` profile deploys and deletes. Resource types outside this list are denied;
 * a repository that needs one adds an extra statement to its role's config.
 */
export const SAM_TESTING_SUPPORTED_RESOURCES: readonly SupportedResource[] = [
  {
    type: 'AWS::Serverless::Function',
    features: ['implicit role', 'policy templates', 'Layers', 'FunctionUrlConfig', 'ReservedConcurrentExecutions', 'Tracing', 'Architectures: [arm64]',
      'events Api, HttpApi, SQS, SNS, Schedule, DynamoDB'],
    scope: `names from the stack name; ${TAG_SCOPE}`,
    requires: 'PermissionsBoundary set to the role\'s function boundary (in Globals)',
  },
  { type: 'AWS::Serverless::LayerVersion', features: [], scope: 'layer name prefix (layers carry no tags)', requires: 'LayerName: !Sub "${AWS::StackName}-<name>"' },
  { type: 'AWS::Serverless::Api', features: [], scope: TAG_SCOPE },
  { type: 'AWS::Serverless::HttpApi', features: [], scope: TAG_SCOPE },
  { type: 'AWS::Serverless::SimpleTable', features: [], scope: `table name from the stack name; ${TAG_SCOPE}` },
  { type: 'AWS::SQS::Queue', features: [], scope: `queue name from the stack name; ${TAG_SCOPE}`, requires: 'no QueueName' },
  { type: 'AWS::SNS::Topic', features: [], scope: `topic name from the stack name; ${TAG_SCOPE}`, requires: 'no TopicName' },
  { type: 'AWS::DynamoDB::Table', features: [], scope: `table name from the stack name; ${TAG_SCOPE}`, requires: 'no TableName' },
  { type: 'AWS::Logs::LogGroup', features: [], scope: `log group name from the stack name; ${TAG_SCOPE}`, requires: 'no LogGroupName, one that starts with the stack name (!Sub "${AWS::StackName}-…"), or a function\'s logs (!Sub "/aws/lambda/${<function>}")' },
];

/**
 * The least-privilege permissions of the `sam-lambda-testing` profile, as data: the statements, their reasons,
 * and the reason of every wildcard, from which the CDK constructs render the policies and the docs page its text.
 *
 * Two roles, as `sam pipeline bootstrap` sets them up: the role GitHub assumes can only drive CloudFormation change
 * sets on its own stacks (`stack/lockstep-<repo>--*`, a delimiter no sanitized repository name contains) through ONE
 * execution role it passes; that execution role (trusted by CloudFormation only) creates the stack's resources.
 * Generated physical names can't carry a repository scope (CloudFormation collapses `--` and truncates), so every
 * change is scoped by the stack tag `lockstep:repository` that `sam deploy --tags` sets and CloudFormation propagates:
 * required on create (`aws:RequestTag`), required of what is changed or deleted (`aws:ResourceTag`). Reads are scoped
 * by name only: a read of a resource that is gone must say "not found", not "access denied", for CloudFormation's
 * delete to finish. Every function role carries the function permissions boundary; no statement lets it go.
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-deploying.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function samTestingPermissions(scope: SamTestingScope): SamTestingPermissions {
  validateScope(scope);
  const { partition: p, account: a, region: r } = scope;
  const repos = [...scope.repos].sort(byName);
  const tagValues = [...new Set(repos.map((x) => x.name))];
  const names = [...new Set(repos.map((x) => generatedNamePrefix(x.stackPrefix)))].sort();
  const keyPrefixes = [...new Set(repos.map((x) => x.artifactPrefix.replace(/\/+$/, '')))].sort();
  const at = (service: string, resource: string) => regionalArn(p, service, r, a, resource);
  const requestTag: ConditionBlock = { StringEquals: { [`aws:RequestTag/${TEST_STACK_TAG_KEY}`]: tagValues } };
  const resourceTag: ConditionBlock = { StringEquals: { [`aws:ResourceTag/${TEST_STACK_TAG_KEY}`]: tagValues } };
  const ownBucket: Record<string, readonly string[]> = { 's3:ResourceAccount': [a] };
  // The execution role names the family every test stack's generated names start with, not each repository's
  // prefix: the tag carries the repository, and the policy stays the same size however many repositories share it.
  const named = (service: string, shape: (n: string) => string, reason: string) => [wildcard(at(service, shape(TEST_NAME_FAMILY)), reason)];
  const nameReason = (what: string) => `${what} CloudFormation names after the stack (<stack name>-<logical id>-<random>), and every test stack's name starts with ${TEST_NAME_FAMILY}; the name family only: every change is checked against the repository tag`;

  const stacks = repos.map((x) => wildcard(at('cloudformation', `stack/${x.stackPrefix}*/*`),
    `test stacks of ${x.name} only: each run deploys and deletes its own stack ${x.stackPrefix}<run>, and sam delete looks up <stack name>-<hash>-CompanionStack; "--" appears in no sanitized repository name`));
  const functions = named('lambda', (n) => `function:${n}*`, nameReason('functions'));
  const roles = [wildcard(roleArn(p, a, '/', `${TEST_NAME_FAMILY}*`), nameReason('function roles'))];
  const functionLogs = names.map((n) => wildcard(at('logs', `log-group:/aws/lambda/${n}*`),
    `log groups Lambda creates for the repositories' functions (/aws/lambda/<function name>, which starts with ${n}); they carry no tags, so the name is the scope`));
  // Lambda's log groups and DynamoDB streams carry no tag: a namesake's (python-sdk-extras for python-sdk) is denied by its name.
  const namesakes = [...new Set(scope.namesakes ?? [])].sort(compareStrings);
  const namesakeLogs = namesakes.map((x) => wildcard(at('logs', `log-group:/aws/lambda/${generatedNamePrefix(repoStackPrefix(x))}*`),
    `a deny: log groups of ${x}'s functions, another role's repository whose names start like this role's`));
  const namesakeTables = namesakes.map((x) => wildcard(at('dynamodb', `table/${generatedNamePrefix(repoStackPrefix(x))}*`),
    `a deny: streams of ${x}'s tables, another role's repository whose names start like this role's`));
  /** A Deny of what this role's names also reach of its namesakes' (CloudFormation's generated names lose the "--"). */
  const denyNamesakes = (sid: string, actions: readonly string[], resources: readonly ScopedResource[], what: string): SamTestingStatement[] => (namesakes.length === 0 ? [] : [{
    sid,
    effect: 'Deny',
    why: `${what} of ${namesakes.join(', ')}: other roles' repositories whose generated names start like this role's (CloudFormation's generated names lose the stack prefix's "--"), with no tag to tell them apart`,
    actions: [...actions],
    resources: [...resources],
  }]);
  const anyLogGroup = [wildcard(at('logs', 'log-group:*'), 'log groups a template declares may have any name; creating one requires the repository tag and changing one requires it on the group')];
  // Log groups a template declares are tagged on create (CreateLogGroup with tags is also authorized as
  // logs:TagResource on the untagged group), so they are scoped by name: the stack's, or the repositories' own
  // function logs. The groups Lambda creates for other repositories' functions carry no tag and stay unclaimable.
  const logGroupsNamedAfterStacks = named('logs', (n) => `log-group:${n}*`,
    'log groups a template declares without a name (CloudFormation names them <stack name>-<logical id>-<random>) or with one starting with the stack name');
  const queues = named('sqs', (n) => `${n}*`, nameReason('queues'));
  const topics = named('sns', (n) => `${n}*`, nameReason('topics'));
  const tables = named('dynamodb', (n) => `table/${n}*`, nameReason('tables'));
  // A stream carries no tag of its own: its table's name, which starts with the repository's, is the scope.
  const tableStreams = names.map((n) => wildcard(at('dynamodb', `table/${n}*`),
    `streams of the repositories' tables (table/<table name>/stream/<label>, the table name starting with ${n}); a stream has no tag of its own, so the name is the scope`));
  // Event source mappings have generated UUIDs: the repository tag they are created with is their scope.
  const eventSourceMappings = [wildcard(at('lambda', 'event-source-mapping:*'),
    'event source mappings have generated UUIDs; each is created with the repository tag (stack tags reach them) and tagged, changed or deleted only with it')];
  // What a mapping may point at: a test function (lambda:FunctionArn can't check the target's tag). One of another
  // repository would poll with its own role, whose boundary reaches none of this repository's queues and streams.
  const mappedFunctions = { 'lambda:FunctionArn': functions.map((f) => f.arn) };
  const rules = named('events', (n) => `rule/${n}*`, nameReason('EventBridge rules (Schedule events)'));
  const layers = repos.map((x) => wildcard(at('lambda', `layer:${x.stackPrefix}*`), `layers of ${x.name}'s stacks: layers carry no tags, so the template names them after the stack (LayerName: \${AWS::StackName}-…), which keeps the "--" delimiter; the "*" covers their versions (layer:<name>:<version>)`));
  const restApis = [exact(apiGatewayArn(p, r, '/restapis')), exact(apiGatewayArn(p, r, '/apis'))];
  const apiParts = [
    wildcard(apiGatewayArn(p, r, '/restapis/*'), 'REST APIs have generated ids; their stages and deployments are authorized with the API\'s tags'),
    wildcard(apiGatewayArn(p, r, '/apis/*'), 'HTTP APIs have generated ids; their stages are authorized with the API\'s tags'),
    wildcard(apiGatewayArn(p, r, '/tags/*'), 'tags of APIs and stages, addressed by the tagged resource\'s URL-encoded ARN'),
  ];
  const objects = keyPrefixes.map((k) => wildcard(s3Arn(p, scope.artifactBucket, `${k}/*`),
    `SAM artifacts of this role's repositories only, under ${k}/ in the environment's artifact bucket (every run's --s3-prefix is below it)`));
  const bucket = exact(s3Arn(p, scope.artifactBucket));

  const githubRole: SamTestingStatement[] = [
    ...repos.map((x, i): SamTestingStatement => ({
      sid: `CreateChangeSetsOfTestStacks${repos.length > 1 ? i + 1 : ''}`,
      why: `sam deploy: CreateChangeSet on ${x.name}'s stacks only with the execution role (every change runs with its permissions, never this role's), change sets named samcli-deploy…, and the stack tag ${TEST_STACK_TAG_KEY}=${x.name} that CloudFormation propagates to the resources; never an IMPORT change set (sam deploy makes none), which would bring another repository's resource into the stack for its delete`,
      actions: ['cloudformation:CreateChangeSet'],
      resources: [stacks[i]],
      condition: {
        StringEquals: { 'cloudformation:RoleArn': [scope.executionRoleArn], [`aws:RequestTag/${TEST_STACK_TAG_KEY}`]: [x.name] },
        StringLike: { 'cloudformation:ChangeSetName': ['samcli-deploy*'] },
        Null: { 'cloudformation:ImportResourceTypes': ['true'] },
      },
    })),
    {
      sid: 'CreateChangeSetsThroughSamTransform',
      why: 'the SAM transform: CloudFormation authorizes CreateChangeSet of a SAM template against the transform too, in the form AWS documents (no condition: the transform check carries none of the stack\'s)',
      actions: ['cloudformation:CreateChangeSet'],
      resources: [exact(transformArn(p, r, SAM_TRANSFORM))],
    },
    {
      sid: 'RunAndInspectTestStacks',
      why: 'sam deploy waits for and executes its change set and streams events (DescribeChangeSet, ExecuteChangeSet, DescribeStacks, DescribeStackEvents, GetTemplateSummary on updates); sam delete looks up the stack and its companion stack (DescribeStacks), reads the template (GetTemplate; ListChangeSets for a stack left in REVIEW_IN_PROGRESS) and deletes the stack; a failed change set is deleted (DeleteChangeSet); the tests find the deployed resources',
      actions: [
        'cloudformation:DeleteChangeSet',
        'cloudformation:DeleteStack',
        'cloudformation:DescribeChangeSet',
        'cloudformation:DescribeStackEvents',
        'cloudformation:DescribeStackResource',
        'cloudformation:DescribeStackResources',
        'cloudformation:DescribeStacks',
        'cloudformation:ExecuteChangeSet',
        'cloudformation:GetTemplate',
        'cloudformation:GetTemplateSummary',
        'cloudformation:ListChangeSets',
        'cloudformation:ListStackResources',
      ],
      resources: stacks,
    },
    {
      sid: 'PassExecutionRoleToCloudFormation',
      why: 'sam deploy --role-arn: CloudFormation runs the change set as the execution role; this role can pass that one role, to CloudFormation only',
      actions: ['iam:PassRole'],
      resources: [exact(scope.executionRoleArn)],
      condition: { StringEquals: { 'iam:PassedToService': ['cloudformation.amazonaws.com'] } },
    },
    {
      sid: 'ReadWriteOwnArtifacts',
      why: 'sam deploy uploads code and template (HeadObject, which is s3:GetObject, to skip unchanged files; PutObject); sam delete deletes them; only in the bucket this account owns, so a same-named bucket elsewhere gets nothing',
      actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      resources: objects,
      condition: { StringEquals: ownBucket },
    },
    {
      sid: 'ListOwnArtifacts',
      why: 'sam delete lists the artifacts under the run\'s prefix before deleting them; listing other repositories\' prefixes is refused',
      actions: ['s3:ListBucket'],
      resources: [bucket],
      condition: { StringEquals: ownBucket, StringLike: { 's3:prefix': keyPrefixes.map((k) => `${k}/*`) } },
    },
    {
      sid: 'InvokeTestFunctions',
      why: 'the test command invokes the deployed functions of its own repository (the tag) and waits for them to be active (GetFunction, GetFunctionConfiguration)',
      actions: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
      resources: functions,
      condition: resourceTag,
    },
    {
      sid: 'ReadTestFunctionLogs',
      why: 'the test command reads what the functions logged (FilterLogEvents, GetLogEvents, DescribeLogStreams); read-only',
      actions: ['logs:DescribeLogStreams', 'logs:FilterLogEvents', 'logs:GetLogEvents'],
      resources: functionLogs,
    },
    ...denyNamesakes('DenyNamesakesLogs', ['logs:DescribeLogStreams', 'logs:FilterLogEvents', 'logs:GetLogEvents'], namesakeLogs, 'reading the function logs'),
  ];

  const executionRole: SamTestingStatement[] = [
    {
      sid: 'CreateTaggedResources',
      why: `the create handlers of Lambda, IAM, logs, SQS, SNS, DynamoDB and EventBridge: only with the stack tag ${TEST_STACK_TAG_KEY} of this role's repositories, which sam deploy --tags sets and CloudFormation passes on; a role additionally only with the function boundary (next statement)`,
      actions: [
        'dynamodb:CreateTable',
        'lambda:CreateFunction',
        'logs:CreateLogGroup',
        'sns:CreateTopic',
        'sqs:CreateQueue',
      ],
      resources: [...functions, ...anyLogGroup, ...queues, ...topics, ...tables, ...rules],
      condition: requestTag,
    },
    {
      sid: 'TagOwnResources',
      why: 'a create with tags is also authorized as the service\'s tag action on the new, untagged resource (CreateLogGroup, CreateTopic, CreateEventSourceMapping, CreateFunction), handlers whose source is not public may tag what they create after creating it, and updates retag: with the repository tag, never a resource that carries another repository\'s; events:PutRule is here because it creates or overwrites a rule of that name, so it must not reach another repository\'s rule; log groups only by name: those named after the test stacks, and the repositories\' own function logs (a template declares /aws/lambda/<function> to set its retention), never the untagged ones Lambda made for another repository\'s functions',
      actions: ['dynamodb:TagResource', 'events:PutRule', 'events:TagResource', 'lambda:TagResource', 'logs:TagResource', 'sns:TagResource', 'sqs:TagQueue'],
      resources: [...functions, ...eventSourceMappings, ...logGroupsNamedAfterStacks, ...functionLogs, ...queues, ...topics, ...tables, ...rules],
      condition: { ...requestTag, StringEqualsIfExists: { [`aws:ResourceTag/${TEST_STACK_TAG_KEY}`]: tagValues } },
    },
    ...denyNamesakes('DenyNamesakesLogs', ['logs:TagResource'], namesakeLogs, 'claiming the function logs (a template may declare /aws/lambda/<function> to set its retention)'),
    {
      sid: 'ChangeAndDeleteOwnResources',
      why: 'update and delete handlers: only resources that carry the repository tag; Permission, Url and concurrency are authorized on the function, so its tag scopes them (AddPermission for Api, HttpApi, SNS, Schedule events and public function URLs)',
      actions: [
        'dynamodb:DeleteTable',
        'dynamodb:UntagResource',
        'dynamodb:UpdateContinuousBackups',
        'dynamodb:UpdateContributorInsights',
        'dynamodb:UpdateTable',
        'dynamodb:UpdateTimeToLive',
        'events:DeleteRule',
        'events:PutRule',
        'events:PutTargets',
        'events:RemoveTargets',
        'events:UntagResource',
        'lambda:AddPermission',
        'lambda:CreateAlias',
        'lambda:CreateFunctionUrlConfig',
        'lambda:DeleteAlias',
        'lambda:DeleteEventSourceMapping',
        'lambda:DeleteFunction',
        'lambda:DeleteFunctionConcurrency',
        'lambda:DeleteFunctionUrlConfig',
        'lambda:PublishVersion',
        'lambda:PutFunctionConcurrency',
        'lambda:PutFunctionRecursionConfig',
        'lambda:PutRuntimeManagementConfig',
        'lambda:RemovePermission',
        'lambda:UntagResource',
        'lambda:UpdateAlias',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:UpdateFunctionUrlConfig',
        'logs:DeleteLogGroup',
        'logs:DeleteRetentionPolicy',
        'logs:PutRetentionPolicy',
        'logs:UntagResource',
        'sns:DeleteTopic',
        'sns:SetTopicAttributes',
        'sns:Subscribe',
        'sns:UntagResource',
        'sqs:DeleteQueue',
        'sqs:SetQueueAttributes',
        'sqs:UntagQueue',
      ],
      resources: [...functions, ...eventSourceMappings, ...anyLogGroup, ...queues, ...topics, ...tables, ...rules],
      condition: resourceTag,
    },
    {
      sid: 'UnsubscribeFromOwnTopics',
      why: 'the AWS::SNS::Subscription delete handler unsubscribes the function (SNS events); authorized on the topic',
      actions: ['sns:Unsubscribe'],
      resources: topics,
    },
    {
      sid: 'CreateEventSourceMappings',
      why: 'SQS and DynamoDB events are event source mappings: CreateEventSourceMapping has no resource type (IAM requires "*"), so the mapping\'s repository tag (stack tags reach it on create) and the test function it points at are the scope',
      actions: ['lambda:CreateEventSourceMapping'],
      resources: [wildcard('*', 'lambda:CreateEventSourceMapping supports no resource-level permissions (IAM requires "*"); the repository tag and the lambda:FunctionArn condition scope it')],
      condition: { ...requestTag, ArnLike: mappedFunctions },
    },
    {
      sid: 'ChangeOwnEventSourceMappings',
      why: 'the AWS::Lambda::EventSourceMapping update handler: only mappings that carry the repository tag, still pointing at a test function (an update may change the function); the delete handler is in ChangeAndDeleteOwnResources',
      actions: ['lambda:UpdateEventSourceMapping'],
      resources: eventSourceMappings,
      condition: { ...resourceTag, ArnLike: mappedFunctions },
    },
    {
      sid: 'ManageOwnLayers',
      why: 'AWS::Serverless::LayerVersion: PublishLayerVersion, GetLayerVersion, DeleteLayerVersion on layers named after the stack (layers carry no tags)',
      actions: ['lambda:DeleteLayerVersion', 'lambda:GetLayerVersion', 'lambda:PublishLayerVersion'],
      resources: layers,
    },
    {
      sid: 'CreateApis',
      why: 'Api and HttpApi events and resources: the RestApi and ApiGatewayV2 create handlers POST to /restapis and /apis, and the ApiGatewayV2::Stage handler to /apis/<id>/stages, only with the repository tag (stack tags reach APIs and stages; HTTP API children inherit no tags for access control, only REST API children do, so a stage must carry its own)',
      actions: ['apigateway:POST'],
      resources: [...restApis, wildcard(apiGatewayArn(p, r, '/apis/*/stages'), 'stages of HTTP APIs, whose ids are generated; the request must carry the repository tag')],
      condition: requestTag,
    },
    {
      sid: 'ChangeAndDeleteOwnApis',
      why: 'API Gateway handlers change, deploy and delete APIs, stages and deployments (POST, PUT, PATCH, DELETE), only of APIs that carry the repository tag (REST API children inherit the API\'s tags for access control: API Gateway developer guide, apigateway-tagging-supported-resources.html)',
      actions: ['apigateway:DELETE', 'apigateway:PATCH', 'apigateway:POST', 'apigateway:PUT'],
      resources: apiParts,
      condition: resourceTag,
    },
    {
      sid: 'CreateFunctionRolesUnderBoundary',
      why: `the AWS::IAM::Role handler creates function roles and their inline and attached policies only with the function permissions boundary (a test stack can never create a role stronger than it) and, on create, the repository tag`,
      actions: ['iam:CreateRole'],
      resources: roles,
      condition: { StringEquals: { 'iam:PermissionsBoundary': [scope.functionBoundaryArn], [`aws:RequestTag/${TEST_STACK_TAG_KEY}`]: tagValues } },
    },
    {
      sid: 'ChangeFunctionRolesUnderBoundary',
      why: 'the AWS::IAM::Role handler puts, attaches, detaches and deletes policies and deletes roles: only roles that carry the function boundary and the repository tag',
      actions: ['iam:AttachRolePolicy', 'iam:DeleteRole', 'iam:DeleteRolePolicy', 'iam:DetachRolePolicy', 'iam:PutRolePolicy'],
      resources: roles,
      condition: { StringEquals: { 'iam:PermissionsBoundary': [scope.functionBoundaryArn], [`aws:ResourceTag/${TEST_STACK_TAG_KEY}`]: tagValues } },
    },
    {
      sid: 'TagFunctionRoles',
      why: 'the AWS::IAM::Role handler tags and untags roles; never a role of another repository',
      actions: ['iam:TagRole', 'iam:UntagRole'],
      resources: roles,
      condition: { StringEqualsIfExists: { [`aws:ResourceTag/${TEST_STACK_TAG_KEY}`]: tagValues } },
    },
    {
      sid: 'PassFunctionRolesToLambda',
      why: 'CreateFunction / UpdateFunctionConfiguration pass the function role: only the repositories\' roles, to Lambda only',
      actions: ['iam:PassRole'],
      resources: roles,
      condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'], [`aws:ResourceTag/${TEST_STACK_TAG_KEY}`]: tagValues } },
    },
    {
      sid: 'DenyLeavingTheBoundary',
      effect: 'Deny',
      why: 'no statement of this role, extra statements included, may create a role without the function boundary, change a role\'s boundary to another, or remove it',
      actions: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      resources: [wildcard(roleArn(p, a, '/', '*'), 'a deny: every role of the account')],
      condition: { StringNotEquals: { 'iam:PermissionsBoundary': [scope.functionBoundaryArn] } },
    },
    {
      sid: 'DenyRemovingTheBoundary',
      effect: 'Deny',
      why: 'a function role\'s boundary is never removed',
      actions: ['iam:DeleteRolePermissionsBoundary'],
      resources: [wildcard(roleArn(p, a, '/', '*'), 'a deny: every role of the account')],
    },
    ...(scope.extraStatements ?? []).map((x, i): SamTestingStatement => ({
      sid: `Extra${i + 1}`,
      why: `extra statement from the config: ${x.why}`,
      actions: [...x.actions].sort(),
      resources: x.resources.map((arn) => (arn.includes('*') ? wildcard(arn, `extra statement from the config: ${x.why}`) : exact(arn))),
    })),
  ];

  const executionRoleReads: SamTestingStatement[] = [
    {
      sid: 'ReadStackResources',
      why: 'read handlers (and the existence checks of create and delete handlers) read the resources back; scoped by name only, because a resource that is gone has no tags and must read as "not found"',
      actions: [
        'dynamodb:DescribeContinuousBackups',
        'dynamodb:DescribeContributorInsights',
        'dynamodb:DescribeKinesisStreamingDestination',
        'dynamodb:DescribeTable',
        'dynamodb:DescribeTimeToLive',
        'dynamodb:GetResourcePolicy',
        'dynamodb:ListTagsOfResource',
        'events:DescribeRule',
        'events:ListTagsForResource',
        'events:ListTargetsByRule',
        'lambda:GetAlias',
        'lambda:GetEventSourceMapping',
        'lambda:GetFunction',
        'lambda:GetFunctionCodeSigningConfig',
        'lambda:GetFunctionConcurrency',
        'lambda:GetFunctionConfiguration',
        'lambda:GetFunctionRecursionConfig',
        'lambda:GetFunctionUrlConfig',
        'lambda:GetPolicy',
        'lambda:GetRuntimeManagementConfig',
        'lambda:ListTags',
        'lambda:ListVersionsByFunction',
        'logs:GetDataProtectionPolicy',
        'logs:ListTagsForResource',
        'sns:GetDataProtectionPolicy',
        'sns:GetSubscriptionAttributes',
        'sns:GetTopicAttributes',
        'sns:ListSubscriptionsByTopic',
        'sns:ListTagsForResource',
        'sqs:GetQueueAttributes',
        'sqs:GetQueueUrl',
        'sqs:ListQueueTags',
      ],
      resources: [...functions, ...eventSourceMappings, ...anyLogGroup, ...queues, ...topics, ...tables, ...rules],
    },
    {
      sid: 'ReadOwnArtifacts',
      why: 'Lambda fetches function and layer code from S3 with the credentials of the CreateFunction / PublishLayerVersion caller, which is this role; only from the bucket this account owns',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: objects,
      condition: { StringEquals: ownBucket },
    },
    {
      sid: 'ReadAnyLayerVersion',
      why: 'the AWS::Lambda::Function handler reads every layer version in Layers (GetLayerVersion), which may be a published layer of another account (e.g. Powertools); read-only',
      actions: ['lambda:GetLayerVersion'],
      resources: [wildcard(regionalArn(p, 'lambda', r, '*', 'layer:*:*'), 'functions may use published layers of any account (e.g. AWS Lambda Powertools); reading a layer version\'s metadata grants nothing else')],
    },
    {
      sid: 'ReadApis',
      why: 'API Gateway read handlers (GET); read-only, and a deleted API has no tags to check',
      actions: ['apigateway:GET'],
      resources: apiParts,
    },
    {
      sid: 'ReadFunctionRoles',
      why: 'the AWS::IAM::Role handler reads roles back and lists their policies before deleting them; read-only',
      actions: ['iam:GetRole', 'iam:GetRolePolicy', 'iam:ListAttachedRolePolicies', 'iam:ListInstanceProfilesForRole', 'iam:ListRolePolicies'],
      resources: roles,
    },
    {
      sid: 'DescribeWithoutResourceTypes',
      why: 'actions that support no resource-level permissions: the AWS::Logs::LogGroup handler reads log groups back (DescribeLogGroups), the Lambda delete handler waits for network interfaces (DescribeNetworkInterfaces)',
      actions: ['ec2:DescribeNetworkInterfaces', 'logs:DescribeLogGroups'],
      resources: [wildcard('*', 'logs:DescribeLogGroups and ec2:DescribeNetworkInterfaces support no resource-level permissions (IAM requires "*"); they list names and settings, no data')],
    },
  ];

  const functionBoundary: SamTestingStatement[] = [
    {
      sid: 'WriteOwnLogs',
      why: 'a test function writes its logs (AWSLambdaBasicExecutionRole); anything else a function role grants itself beyond this boundary is cut off',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: functionLogs,
    },
    ...denyNamesakes('DenyNamesakesLogs', ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'], namesakeLogs, 'writing into the function logs'),
    {
      sid: 'WriteTraces',
      why: 'Tracing: Active adds AWSXrayWriteOnlyAccess to the function role; X-Ray\'s write actions support no resource-level permissions',
      actions: ['xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:PutTelemetryRecords', 'xray:PutTraceSegments'],
      resources: [wildcard('*', 'X-Ray trace and sampling calls support no resource-level permissions (IAM requires "*"); they only write traces')],
    },
    {
      sid: 'UseOwnTablesQueuesAndTopics',
      why: 'policy templates (DynamoDBCrudPolicy, SQSSendMessagePolicy, SNSPublishMessagePolicy) and SQS events (AWSLambdaSQSQueueExecutionRole: Lambda polls the queue with the function role): only the repository\'s own tables, queues and topics',
      actions: [
        'dynamodb:BatchGetItem', 'dynamodb:BatchWriteItem', 'dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:DescribeTable',
        'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:UpdateItem',
        'sns:Publish',
        'sqs:ChangeMessageVisibility', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:ReceiveMessage', 'sqs:SendMessage',
      ].sort(),
      resources: [...tables, ...queues, ...topics],
      condition: resourceTag,
    },
    {
      sid: 'ReadOwnTableStreams',
      why: 'DynamoDB events (AWSLambdaDynamoDBExecutionRole): Lambda reads the table\'s stream with the function role; only streams of the repositories\' own tables, by name',
      actions: STREAM_READS,
      resources: tableStreams,
    },
    ...denyNamesakes('DenyNamesakesStreams', STREAM_READS, namesakeTables, 'reading the table streams'),
    {
      sid: 'ListStreams',
      why: 'DynamoDB events: ListStreams supports no resource-level permissions',
      actions: ['dynamodb:ListStreams'],
      resources: [wildcard('*', 'dynamodb:ListStreams supports no resource-level permissions (IAM requires "*"); it lists stream ARNs only')],
    },
  ];

  return { githubRole, executionRole, executionRoleReads, functionBoundary };
}

/** What Lambda reads of a DynamoDB stream with the function role (AWSLambdaDynamoDBExecutionRole, ListStreams aside). */
const STREAM_READS = ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'];

/** Renders statements to IAM JSON, in the given order, resources in the given order. */
export function policyJson(statements: readonly SamTestingStatement[]): PolicyJson {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: s.effect ?? 'Allow',
      Action: [...s.actions],
      Resource: s.resources.map((x) => x.arn),
      ...(s.condition ? { Condition: JSON.parse(JSON.stringify(s.condition)) } : {}),
    })),
  };
}

/**
 * The wildcard resources of the Allow statements with their reasons, one entry per ARN (reasons of the same ARN
 * joined), sorted by ARN: what a reviewer (and cdk-nag's acknowledgements) must accept.
 */
export function wildcardResources(statements: readonly SamTestingStatement[]): ReadonlyArray<{ readonly arn: string; readonly reason: string }> {
  const reasons = new Map<string, Set<string>>();
  for (const s of statements) {
    if ((s.effect ?? 'Allow') !== 'Allow') continue;
    for (const x of s.resources) {
      if (x.wildcardReason === undefined) continue;
      if (!reasons.has(x.arn)) reasons.set(x.arn, new Set());
      reasons.get(x.arn)!.add(x.wildcardReason);
    }
  }
  return [...reasons.keys()].sort().map((arn) => ({ arn, reason: [...reasons.get(arn)!].join('; ') }));
}

function wildcard(arn: string, reason: string): ScopedResource {
  return { arn, wildcardReason: reason };
}

function exact(arn: string): ScopedResource {
  return { arn };
}

/** A prefix that is empty, or that could be another repository's, would widen a wildcard beyond its repository. */
function validateScope(scope: SamTestingScope): void {
  const problems: string[] = [];
  if (scope.repos.length === 0) problems.push('repos: expected at least one repository');
  for (const x of scope.repos) {
    if (!/^lockstep-[a-z0-9]+(-[a-z0-9]+)*--$/.test(x.stackPrefix)) {
      problems.push(`repos.${x.name}.stackPrefix: "${x.stackPrefix}" must be "lockstep-<sanitized repository>--" (lowercase letters, digits, single hyphens, then "--", which no sanitized name contains)`);
    }
    if (!/^[A-Za-z0-9._-]+\/?$/.test(x.artifactPrefix)) {
      problems.push(`repos.${x.name}.artifactPrefix: "${x.artifactPrefix}" must be one key segment (letters, digits, ".", "_", "-"), optionally followed by "/"`);
    }
  }
  if (!/^\d{12}$/.test(scope.account)) problems.push(`account: "${scope.account}" is not a 12-digit account id`);
  if (problems.length > 0) throw new Error(`sam-lambda-testing permissions can't be scoped:\n${problems.join('\n')}`);
}
