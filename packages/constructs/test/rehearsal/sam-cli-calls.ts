// The AWS calls `sam deploy` and `sam delete --no-prompts` make with the GitHub role's credentials, in order, as
// facts read from the SAM CLI's source (research notes /work/research/11/sam-cli-calls.md).

/** The SAM CLI source every call below was read from. */
export const SAM_CLI_SOURCE = 'aws/aws-sam-cli@fe8f8dbb1160abce8ae13e0a4c5f8b456658afd3 (v1.164.0)';

/** What a SAM CLI call is authorized against. */
export type SamCliTarget = 'stack' | 'companion-stack' | 'artifact' | 'packaged-template' | 'bucket' | 'transform' | 'execution-role';

/** One call: IAM action, target, the request's condition keys, and where in the SAM CLI it is made. */
export interface SamCliCall {
  readonly api: string;
  readonly action: string;
  readonly on: SamCliTarget;
  /** Request context; `$EXEC`, `$CHANGESET`, `$REPO`, `$PREFIX` are filled in per run. @default none */
  readonly context?: Readonly<Record<string, string>>;
  /** path:lines at {@link SAM_CLI_SOURCE}. */
  readonly source: string;
}

const CHANGE_SET = { 'cloudformation:ChangeSetName': '$CHANGESET' };

/** `sam deploy --s3-bucket B --s3-prefix P --role-arn EXEC --tags lockstep:repository=REPO`, new stack then update. */
export const SAM_DEPLOY_CALLS: readonly SamCliCall[] = [
  { api: 'HeadObject', action: 's3:GetObject', on: 'artifact', source: 'samcli/lib/package/s3_uploader.py:197-214 (file_exists)' },
  { api: 'PutObject', action: 's3:PutObject', on: 'artifact', context: { 's3:x-amz-server-side-encryption': 'AES256' }, source: 'samcli/lib/package/s3_uploader.py:86-94 (upload)' },
  { api: 'DescribeStacks', action: 'cloudformation:DescribeStacks', on: 'stack', source: 'samcli/lib/deploy/deployer.py:136-178 (has_stack)' },
  { api: 'GetTemplateSummary', action: 'cloudformation:GetTemplateSummary', on: 'stack', source: 'samcli/lib/deploy/deployer.py:211-220 (update only)' },
  { api: 'HeadObject', action: 's3:GetObject', on: 'packaged-template', source: 'samcli/lib/deploy/deployer.py:248-257 (_process_kwargs)' },
  { api: 'PutObject', action: 's3:PutObject', on: 'packaged-template', context: { 's3:x-amz-server-side-encryption': 'AES256' }, source: 'samcli/lib/deploy/deployer.py:248-257' },
  {
    api: 'CreateChangeSet',
    action: 'cloudformation:CreateChangeSet',
    on: 'stack',
    context: { ...CHANGE_SET, 'cloudformation:RoleArn': '$EXEC', 'aws:RequestTag/lockstep:repository': '$REPO', 'aws:TagKeys': 'lockstep:repository' },
    source: 'samcli/lib/deploy/deployer.py:180-279; samcli/commands/deploy/deploy_context.py:186 (Tags from --tags)',
  },
  { api: 'CreateChangeSet (SAM transform)', action: 'cloudformation:CreateChangeSet', on: 'transform', source: 'AWS CloudFormation User Guide, using-iam-template.html (transform resource)' },
  { api: 'PassRole', action: 'iam:PassRole', on: 'execution-role', context: { 'iam:PassedToService': 'cloudformation.amazonaws.com' }, source: 'samcli/lib/deploy/deployer.py:262-263 (RoleARN)' },
  { api: 'DescribeChangeSet', action: 'cloudformation:DescribeChangeSet', on: 'stack', context: CHANGE_SET, source: 'samcli/lib/deploy/deployer.py:286-382 (wait_for_changeset, describe_changeset)' },
  { api: 'DescribeStackEvents', action: 'cloudformation:DescribeStackEvents', on: 'stack', source: 'samcli/lib/deploy/deployer.py:401-525' },
  { api: 'ExecuteChangeSet', action: 'cloudformation:ExecuteChangeSet', on: 'stack', context: CHANGE_SET, source: 'samcli/lib/deploy/deployer.py:384-399' },
  { api: 'DescribeStacks (waiter, outputs)', action: 'cloudformation:DescribeStacks', on: 'stack', source: 'samcli/lib/deploy/deployer.py:538-609, 793-807' },
];

/** `sam delete --no-prompts`, including a stack left in REVIEW_IN_PROGRESS by a failed first change set. */
export const SAM_DELETE_CALLS: readonly SamCliCall[] = [
  { api: 'DescribeStacks', action: 'cloudformation:DescribeStacks', on: 'stack', source: 'samcli/lib/delete/cfn_utils.py:28-75 (can_delete_stack)' },
  { api: 'GetTemplate', action: 'cloudformation:GetTemplate', on: 'stack', source: 'samcli/lib/delete/cfn_utils.py:99-112' },
  { api: 'ListChangeSets', action: 'cloudformation:ListChangeSets', on: 'stack', source: 'samcli/lib/delete/cfn_utils.py:214-257 (REVIEW_IN_PROGRESS)' },
  { api: 'DescribeStacks (companion stack)', action: 'cloudformation:DescribeStacks', on: 'companion-stack', source: 'samcli/commands/delete/delete_context.py:270-277; samcli/lib/bootstrap/companion_stack/data_types.py:23-30' },
  { api: 'HeadObject', action: 's3:GetObject', on: 'artifact', source: 'samcli/lib/package/s3_uploader.py:146-180 (delete_artifact)' },
  { api: 'DeleteObject', action: 's3:DeleteObject', on: 'artifact', source: 'samcli/lib/package/s3_uploader.py:146-180' },
  { api: 'ListObjectsV2', action: 's3:ListBucket', on: 'bucket', context: { 's3:prefix': '$PREFIX/' }, source: 'samcli/lib/package/s3_uploader.py:182-195 (delete_prefix_artifacts)' },
  { api: 'DeleteObject (packaged template)', action: 's3:DeleteObject', on: 'packaged-template', source: 'samcli/lib/package/s3_uploader.py:182-195' },
  { api: 'DeleteStack', action: 'cloudformation:DeleteStack', on: 'stack', source: 'samcli/lib/delete/cfn_utils.py:137-178 (no RoleARN)' },
  { api: 'DescribeStacks (waiter)', action: 'cloudformation:DescribeStacks', on: 'stack', source: 'samcli/lib/delete/cfn_utils.py:180-212' },
];

/** Failed-change-set hygiene: `DeleteChangeSet` of a change set left FAILED (no changes, or a refused resource). */
export const CHANGE_SET_CLEANUP_CALLS: readonly SamCliCall[] = [
  { api: 'DeleteChangeSet', action: 'cloudformation:DeleteChangeSet', on: 'stack', context: CHANGE_SET, source: 'samcli/lib/deploy/deployer.py:375-380 (ChangeEmptyError leaves the FAILED change set)' },
];
