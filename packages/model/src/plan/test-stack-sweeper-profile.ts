import { byName } from '../basics/compare-strings';
import type { Partition } from '../iam/partition';
import { regionalArn } from '../iam/arn';
import { TEST_STACK_TAG_KEY } from '../config/stack-names';
import type { SamTestingStatement } from './sam-testing-profile';

/** What one sweeper role may act on: one environment's test stacks of the repositories it sweeps. */
export interface SweeperScope {
  readonly partition: Partition;
  readonly account: string;
  readonly region: string;
  /** The repositories whose test stacks it deletes (name = their `lockstep:repository` tag value). */
  readonly repos: readonly { readonly name: string; readonly stackPrefix: string }[];
}

/**
 * The least-privilege permissions of the `test-stack-sweeper` profile, as data (statements, reasons, the
 * reason of every wildcard), from which the CDK construct renders the policy and cdk-nag's acknowledgements.
 *
 * It lists stacks (ListStacks supports no resource-level permission), and deletes and watches only the
 * test stacks of its repositories (`stack/lockstep-<repo>--*`), deletion only of a stack tagged with one of
 * them (nothing else: a stack the condition refuses fails the run visibly). DeleteStack without `--role-arn`
 * makes CloudFormation delete the resources with the role the stack was created with (the `<role>-CfnExec` execution role), so no `iam:PassRole` and no permission on
 * any resource inside a stack. The artifact bucket expires objects by a lifecycle rule: no S3 permission.
 * @see https://docs.aws.amazon.com/service-authorization/latest/reference/list_awscloudformation.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-servicerole.html
 */
export function testStackSweeperPermissions(scope: SweeperScope): readonly SamTestingStatement[] {
  const problems: string[] = [];
  if (scope.repos.length === 0) problems.push('repos: expected at least one repository');
  for (const x of scope.repos) {
    if (!/^lockstep-[a-z0-9]+(-[a-z0-9]+)*--$/.test(x.stackPrefix)) {
      problems.push(`repos.${x.name}.stackPrefix: "${x.stackPrefix}" must be "lockstep-<sanitized repository>--"`);
    }
  }
  if (!/^\d{12}$/.test(scope.account)) problems.push(`account: "${scope.account}" is not a 12-digit account id`);
  if (problems.length > 0) throw new Error(`test-stack-sweeper permissions can't be scoped:\n${problems.join('\n')}`);
  const repos = [...scope.repos].sort(byName);
  const stacks = repos.map((x) => ({
    arn: regionalArn(scope.partition, 'cloudformation', scope.region, scope.account, `stack/${x.stackPrefix}*/*`),
    wildcardReason: `test stacks of ${x.name} only (${x.stackPrefix}<run>, any stack id): the sweeper deletes those older than its age limit; "--" appears in no sanitized repository name`,
  }));
  return [
    {
      sid: 'ListStacks',
      why: 'find the test stacks and their creation times (aws cloudformation list-stacks); the list holds names, statuses and times, no template or output',
      actions: ['cloudformation:ListStacks'],
      resources: [{ arn: '*', wildcardReason: 'cloudformation:ListStacks supports no resource-level permissions (IAM requires "*"); it lists stack names, statuses and times only' }],
    },
    {
      sid: 'DescribeTestStacks',
      why: 'wait until each deletion it asked for has finished (aws cloudformation wait stack-delete-complete reads the stack\'s status), so a deletion that fails fails the run',
      actions: ['cloudformation:DescribeStacks'],
      resources: stacks,
    },
    {
      sid: 'DeleteTestStacks',
      why: `delete an old test stack of these repositories, only one tagged ${TEST_STACK_TAG_KEY} with one of them (sam deploy --tags sets it); without --role-arn CloudFormation deletes with the stack's own execution role, so no iam:PassRole`,
      actions: ['cloudformation:DeleteStack'],
      resources: stacks,
      condition: { StringEquals: { [`aws:ResourceTag/${TEST_STACK_TAG_KEY}`]: repos.map((x) => x.name) } },
    },
  ];
}
