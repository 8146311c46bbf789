/**
 * A name as CloudFormation accepts it in a stack name: letters, digits and single hyphens.
 * Distinct inputs can give the same result (`a.b`, `a_b`); `resolve()` refuses such collisions.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
 */
export function sanitizeForStackName(name: string): string {
  return name.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}

/**
 * The CloudFormation stack name of one environment's Lockstep stack, e.g. `Lockstep-testing`.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/APIReference/API_CreateStack.html
 */
export function environmentStackName(environment: string): string {
  return `Lockstep-${sanitizeForStackName(environment)}`;
}

/**
 * The name under which a StackSet environment's inner template (the one every account and region gets) is
 * committed and read, e.g. `Lockstep-testing--stackset`; its outer stack, which creates the StackSet in the
 * administration account, is {@link environmentStackName}. The `--` keeps it apart from every environment's
 * own stack name, and `stackset` from the role stacks' `--NN`.
 */
export function stackSetTemplateName(environment: string): string {
  return `${environmentStackName(environment)}--stackset`;
}

/**
 * The stack-name prefix of one repository's test stacks, e.g. `lockstep-python-sdk--`. It ends in `--`, which
 * {@link sanitizeForStackName} never leaves inside a name, so no repository's prefix starts another's
 * (`lockstep-python-sdk--*` can't match `lockstep-python-sdk-extras--1`); lowercase, so that the role's IAM
 * policy (`stack/lockstep-python-sdk--*`) matches whatever case a workflow writes.
 */
export function repoStackPrefix(repo: string): string {
  return `lockstep-${sanitizeForStackName(repo).toLowerCase()}--`;
}

/**
 * The tag key every test stack of a repository carries (`sam deploy --tags`). CloudFormation propagates
 * stack tags to the resources that take tags, so a role's policy can require its own repository's value
 * (`aws:RequestTag`/`aws:ResourceTag`) where a service's ARNs carry no name to scope by (API Gateway ids).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-resource-tags.html
 */
export const TEST_STACK_TAG_KEY = 'lockstep:repository';

/** The stack tags of one repository's test stacks: `{ "lockstep:repository": "<repo>" }`. */
export function testStackTags(repo: string): Readonly<Record<string, string>> {
  return { [TEST_STACK_TAG_KEY]: repo };
}
