import type { Partition } from '@lockstep/model';

/**
 * Everything the `sam-lambda-testing` permissions are scoped to: one environment, the stack-name and
 * artifact-key prefixes of the repositories mapped to one role, and the two IAM resources of the pattern.
 */
export interface SamTestingScope {
  /** The environment's partition, written into every ARN (`aws`, `aws-cn`, `aws-us-gov`). */
  readonly partition: Partition;
  /** The environment's 12-digit account id. */
  readonly account: string;
  /** The environment's region: the test stacks, functions and log groups live there. */
  readonly region: string;
  /**
   * CloudFormation stack-name prefixes of the role's repositories (`lockstep-python-sdk-`); every stack,
   * function, function role and log group the tests create starts with one of them.
   */
  readonly stackPrefixes: readonly string[];
  /** The environment's artifact bucket (`sam deploy --s3-bucket`). */
  readonly artifactBucket: string;
  /** Key prefixes of the role's repositories in that bucket (`python-sdk/`; a trailing `/` is optional). */
  readonly artifactPrefixes: readonly string[];
  /** ARN of the CloudFormation execution role the GitHub role may pass (`sam deploy --role-arn`). */
  readonly executionRoleArn: string;
  /** ARN of the managed policy every function role must carry as its permissions boundary. */
  readonly functionBoundaryArn: string;
}

/** One resource of a statement; a wildcard carries the reason a reviewer accepts it. */
export interface ScopedResource {
  readonly arn: string;
  /** Why the `*` in `arn` is acceptable; present exactly when `arn` contains `*`. */
  readonly wildcardReason?: string;
}

/** One Allow statement with the reason it exists. */
export interface SamTestingStatement {
  /** Statement id, letters and digits. */
  readonly sid: string;
  /** Why the role needs these actions: which SAM CLI / CloudFormation call makes them. */
  readonly why: string;
  /** Actions, sorted; never a wildcard. */
  readonly actions: readonly string[];
  readonly resources: readonly ScopedResource[];
  /** IAM `Condition` block. @default no condition */
  readonly condition?: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
}

/** The three policies of the `sam-lambda-testing` profile (REFERENCE.md §5, the `sam pipeline bootstrap` pattern). */
export interface SamTestingPermissions {
  /** Inline policy of the role GitHub assumes: drive change sets, artifacts, pass one role, read test results. */
  readonly githubRole: readonly SamTestingStatement[];
  /** Inline policy of the CloudFormation execution role: functions, function roles, log groups. */
  readonly executionRole: readonly SamTestingStatement[];
  /** The permissions boundary of every function role: the most a test function may ever do. */
  readonly functionBoundary: readonly SamTestingStatement[];
}

/** The IAM JSON of one statement list, as CloudFormation and IAM take it. */
export interface PolicyJson {
  readonly Version: '2012-10-17';
  readonly Statement: ReadonlyArray<Record<string, unknown>>;
}

/** The SAM transform a change set of a SAM template goes through; CreateChangeSet must be allowed on it. */
const SAM_TRANSFORM = 'Serverless-2016-10-31';

/**
 * The least-privilege permissions of the `sam-lambda-testing` profile, as data.
 *
 * Two roles, as `sam pipeline bootstrap` sets them up: the role GitHub assumes can only drive
 * CloudFormation change sets on its own stacks through ONE execution role it passes; that execution
 * role (trusted by CloudFormation only) does the Lambda, IAM and logs work, and every function role it
 * creates must carry the function permissions boundary. Every resource is scoped to the repositories'
 * prefixes: stacks `stack/<prefix>*`, functions `function:<prefix>*`, roles `role/<prefix>*`, log groups
 * `/aws/lambda/<prefix>*`, artifacts `<bucket>/<repo>/*`. No action is a wildcard.
 *
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-deploying.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html
 */
export function samTestingPermissions(scope: SamTestingScope): SamTestingPermissions {
  validateScope(scope);
  const { partition: p, account: a, region: r } = scope;
  const prefixes = sortedUnique(scope.stackPrefixes);
  const keyPrefixes = sortedUnique(scope.artifactPrefixes.map((k) => k.replace(/\/+$/, '')));
  const list = prefixes.map((x) => JSON.stringify(x)).join(', ');

  const stacks = prefixes.map((x) => wildcard(`arn:${p}:cloudformation:${r}:${a}:stack/${x}*/*`,
    `test stacks of this role's repositories only: each workflow run deploys and deletes its own stack named ${x}<run>`));
  const functions = prefixes.map((x) => wildcard(`arn:${p}:lambda:${r}:${a}:function:${x}*`,
    `functions of the test stacks only: CloudFormation names them <stack name>-<logical id>-<suffix>, and stack names start with ${x}`));
  const functionRoles = prefixes.map((x) => wildcard(`arn:${p}:iam::${a}:role/${x}*`,
    `function roles of the test stacks only (named after the stack, which starts with ${x}); creating or changing one requires the function permissions boundary`));
  const logGroups = prefixes.map((x) => wildcard(`arn:${p}:logs:${r}:${a}:log-group:/aws/lambda/${x}*`,
    `log groups of the test functions only (/aws/lambda/<function name>, starting with ${x}), their streams included`));
  const objects = keyPrefixes.map((k) => wildcard(`arn:${p}:s3:::${scope.artifactBucket}/${k}/*`,
    `SAM artifacts of this role's repositories only, under the key prefix ${k}/ of the environment's artifact bucket`));
  const bucket = `arn:${p}:s3:::${scope.artifactBucket}`;

  const githubRole: SamTestingStatement[] = [
    {
      sid: 'CreateChangeSetsOfTestStacks',
      why: `sam deploy: CreateChangeSet on stacks named ${list}… through the SAM transform, only with change sets named samcli-deploy… and only with the execution role, so every change runs with that role's permissions and never with this one's`,
      actions: ['cloudformation:CreateChangeSet'],
      resources: [...stacks, exact(`arn:${p}:cloudformation:${r}:aws:transform/${SAM_TRANSFORM}`)],
      condition: {
        StringEquals: { 'cloudformation:RoleArn': [scope.executionRoleArn] },
        StringLike: { 'cloudformation:ChangeSetName': ['samcli-deploy*'] },
      },
    },
    {
      sid: 'RunAndInspectTestStacks',
      why: 'sam deploy waits for and executes its change set and streams events (DescribeChangeSet, ExecuteChangeSet, DescribeStacks, DescribeStackEvents, GetTemplateSummary on updates); sam delete reads the template to find artifacts (GetTemplate) and deletes the stack; the test command finds the deployed functions (DescribeStackResource(s), ListStackResources)',
      actions: [
        'cloudformation:DeleteStack',
        'cloudformation:DescribeChangeSet',
        'cloudformation:DescribeStackEvents',
        'cloudformation:DescribeStackResource',
        'cloudformation:DescribeStackResources',
        'cloudformation:DescribeStacks',
        'cloudformation:ExecuteChangeSet',
        'cloudformation:GetTemplate',
        'cloudformation:GetTemplateSummary',
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
      why: 'sam deploy --s3-bucket/--s3-prefix uploads code and template (HeadObject to skip unchanged files, PutObject); sam delete deletes them',
      actions: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
      resources: objects,
    },
    {
      sid: 'ListOwnArtifacts',
      why: 'sam delete lists the artifacts under the repository\'s prefix before deleting them; listing other prefixes is refused',
      actions: ['s3:ListBucket'],
      resources: [exact(bucket)],
      condition: { StringLike: { 's3:prefix': keyPrefixes.map((k) => `${k}/*`) } },
    },
    {
      sid: 'InvokeTestFunctions',
      why: 'the test command invokes the deployed functions and waits for them to be active (boto3 waiters function_active / function_active_v2 call GetFunctionConfiguration / GetFunction)',
      actions: ['lambda:GetFunction', 'lambda:GetFunctionConfiguration', 'lambda:InvokeFunction'],
      resources: functions,
    },
    {
      sid: 'ReadTestFunctionLogs',
      why: 'the test command reads what the functions logged (FilterLogEvents, GetLogEvents, DescribeLogStreams); read-only',
      actions: ['logs:DescribeLogStreams', 'logs:FilterLogEvents', 'logs:GetLogEvents'],
      resources: logGroups,
    },
  ];

  const executionRole: SamTestingStatement[] = [
    {
      sid: 'ManageTestFunctions',
      why: 'the AWS::Lambda::Function handler creates, reads, updates, tags and deletes the functions (and the versions and aliases of AutoPublishAlias); no reserved concurrency (it would take from the account\'s pool), no resource policies (no public or cross-account invocation), no function URLs',
      actions: [
        'lambda:CreateAlias',
        'lambda:CreateFunction',
        'lambda:DeleteAlias',
        'lambda:DeleteFunction',
        'lambda:GetAlias',
        'lambda:GetFunction',
        'lambda:GetFunctionCodeSigningConfig',
        'lambda:GetFunctionConfiguration',
        'lambda:GetFunctionRecursionConfig',
        'lambda:GetRuntimeManagementConfig',
        'lambda:ListTags',
        'lambda:ListVersionsByFunction',
        'lambda:PublishVersion',
        'lambda:TagResource',
        'lambda:UntagResource',
        'lambda:UpdateAlias',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
      ],
      resources: functions,
    },
    {
      sid: 'ReadOwnArtifacts',
      why: 'Lambda fetches the function code from S3 with the credentials of the CreateFunction / UpdateFunctionCode caller, which is this role',
      actions: ['s3:GetObject', 's3:GetObjectVersion'],
      resources: objects,
    },
    {
      sid: 'ManageFunctionRolesUnderBoundary',
      why: 'the AWS::IAM::Role handler creates, changes and deletes the function roles; only when the role carries the function permissions boundary, so a test stack can never create a role stronger than that boundary or remove it',
      actions: [
        'iam:AttachRolePolicy',
        'iam:CreateRole',
        'iam:DeleteRole',
        'iam:DeleteRolePolicy',
        'iam:DetachRolePolicy',
        'iam:PutRolePermissionsBoundary',
        'iam:PutRolePolicy',
      ],
      resources: functionRoles,
      condition: { StringEquals: { 'iam:PermissionsBoundary': [scope.functionBoundaryArn] } },
    },
    {
      sid: 'ReadAndTagFunctionRoles',
      why: 'the AWS::IAM::Role handler reads the roles back and lists their policies and instance profiles before deleting them; SAM and CloudFormation tag what they create',
      actions: [
        'iam:GetRole',
        'iam:GetRolePolicy',
        'iam:ListAttachedRolePolicies',
        'iam:ListInstanceProfilesForRole',
        'iam:ListRolePolicies',
        'iam:TagRole',
        'iam:UntagRole',
      ],
      resources: functionRoles,
    },
    {
      sid: 'PassFunctionRolesToLambda',
      why: 'CreateFunction / UpdateFunctionConfiguration pass the function role; only the test stacks\' roles, to Lambda only',
      actions: ['iam:PassRole'],
      resources: functionRoles,
      condition: { StringEquals: { 'iam:PassedToService': ['lambda.amazonaws.com'] } },
    },
    {
      sid: 'ManageFunctionLogGroups',
      why: 'a test template may declare its functions\' log groups (retention, deleted with the stack): the AWS::Logs::LogGroup handler creates, tags and deletes them',
      actions: [
        'logs:CreateLogGroup',
        'logs:DeleteLogGroup',
        'logs:DeleteRetentionPolicy',
        'logs:ListTagsForResource',
        'logs:ListTagsLogGroup',
        'logs:PutRetentionPolicy',
        'logs:TagLogGroup',
        'logs:TagResource',
        'logs:UntagLogGroup',
        'logs:UntagResource',
      ],
      resources: logGroups,
    },
    {
      sid: 'DescribeLogGroups',
      why: 'the AWS::Logs::LogGroup handler reads a log group back with DescribeLogGroups, an action without resource-level permissions',
      actions: ['logs:DescribeLogGroups'],
      resources: [wildcard('*',
        'logs:DescribeLogGroups supports no resource-level permissions (IAM requires "*"); it only lists log group names and settings of this account and region, no log data')],
    },
  ];

  const functionBoundary: SamTestingStatement[] = [
    {
      sid: 'WriteOwnLogs',
      why: 'the most a test function may do: write its own logs; anything else a function role grants itself is cut off by this boundary',
      actions: ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: logGroups,
    },
  ];

  return { githubRole, executionRole, functionBoundary };
}

/** Renders statements to IAM JSON, in the given order, resources in the given order. */
export function policyJson(statements: readonly SamTestingStatement[]): PolicyJson {
  return {
    Version: '2012-10-17',
    Statement: statements.map((s) => ({
      Sid: s.sid,
      Effect: 'Allow',
      Action: [...s.actions],
      Resource: s.resources.map((x) => x.arn),
      ...(s.condition ? { Condition: JSON.parse(JSON.stringify(s.condition)) } : {}),
    })),
  };
}

/**
 * The wildcard resources of some statements with their reasons, one entry per ARN (reasons of the
 * same ARN joined), sorted by ARN.
 */
export function wildcardResources(statements: readonly SamTestingStatement[]): ReadonlyArray<{ readonly arn: string; readonly reason: string }> {
  const reasons = new Map<string, Set<string>>();
  for (const s of statements) {
    for (const r of s.resources) {
      if (r.wildcardReason === undefined) continue;
      if (!reasons.has(r.arn)) reasons.set(r.arn, new Set());
      reasons.get(r.arn)!.add(r.wildcardReason);
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

function sortedUnique(values: readonly string[]): string[] {
  return [...new Set(values)].sort();
}

/** A prefix that is empty, or one that is a prefix of another, would widen a wildcard beyond its repository. */
function validateScope(scope: SamTestingScope): void {
  const problems: string[] = [];
  if (scope.stackPrefixes.length === 0) problems.push('stackPrefixes: expected at least one stack-name prefix');
  if (scope.artifactPrefixes.length === 0) problems.push('artifactPrefixes: expected at least one artifact key prefix');
  for (const prefix of scope.stackPrefixes) {
    if (!/^[a-z][a-z0-9-]*-$/.test(prefix)) {
      problems.push(`stackPrefixes: "${prefix}" must be lowercase letters, digits and hyphens, start with a letter and end with "-" (so "<prefix>*" can't match another repository's longer name)`);
    }
  }
  for (const prefix of scope.artifactPrefixes) {
    if (!/^[A-Za-z0-9._-]+\/?$/.test(prefix)) {
      problems.push(`artifactPrefixes: "${prefix}" must be one key segment (letters, digits, ".", "_", "-"), optionally followed by "/"`);
    }
  }
  if (!/^\d{12}$/.test(scope.account)) problems.push(`account: "${scope.account}" is not a 12-digit account id`);
  if (problems.length > 0) throw new Error(`sam-lambda-testing permissions can't be scoped:\n${problems.join('\n')}`);
}
