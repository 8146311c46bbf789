import { shortHash } from '../basics/short-hash';

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
 *
 * A name longer than {@link WHOLE_NAME_LIMIT} characters is written as its first characters and a hash of
 * all of it (`platform-service-billing` → `lockstep-platfo-4b35ff22--`). Why: the names CloudFormation
 * generates in a stack keep only its first {@link GUARANTEED_STACK_NAME_PART} characters, and Lambda names
 * a function's log group after the function, untagged; whole, `platform-service-auth` and
 * `platform-service-billing` would give their functions the same first 25 characters, and neither role's
 * log permissions could keep out the other's.
 */
export function repoStackPrefix(repo: string): string {
  const name = sanitizeForStackName(repo).toLowerCase();
  if (name.length <= WHOLE_NAME_LIMIT) return `${TEST_NAME_FAMILY}${name}--`;
  const head = name.slice(0, HASHED_NAME_HEAD).replace(/-+$/, '');
  return `${TEST_NAME_FAMILY}${head}-${shortHash(name).toLowerCase()}--`;
}

/**
 * The longest sanitized repository name a test stack prefix holds whole: with `lockstep-` before it and the
 * `-` that the `--` collapses to after it, what CloudFormation always keeps of a stack name (25 characters).
 */
export const WHOLE_NAME_LIMIT = 15;

/** Of a longer name, the characters kept before its hash: with the `-` and 8 hex digits, {@link WHOLE_NAME_LIMIT}. */
const HASHED_NAME_HEAD = WHOLE_NAME_LIMIT - 9;

/**
 * Length of CloudFormation's generated physical names that a stack name is sure to keep: names are
 * `<stack part>-<logical id part>-<12 random>`, cut to the type's limit by giving each part half of the rest
 * (64 for functions, roles, rules: at least 25 characters of the stack name). Runs of `-` become one `-`.
 * @see https://github.com/aws-cloudformation/cloudformation-cli-java-plugin/blob/4464c463d0c91b559f2f52f237b3ef3744735cc0/src/main/java/software/amazon/cloudformation/resource/IdentifierUtils.java
 */
export const GUARANTEED_STACK_NAME_PART = Math.floor((64 - 14) / 2);

/** How every test stack's name, and so every name CloudFormation generates in one, begins (see `repoStackPrefix`). */
export const TEST_NAME_FAMILY = 'lockstep-';

/**
 * The prefix every physical name CloudFormation generates in a stack named `<stackPrefix><run>` starts with:
 * the stack-name prefix with runs of `-` collapsed (so the `--` delimiter is lost) and cut to what is always kept.
 * It is a name family, not a repository scope (`lockstep-python-sdk-` also begins `lockstep-python-sdk-extras-…`):
 * changes are scoped by the `lockstep:repository` tag on top of it, and what carries no tag by denying the
 * families of the repository's namesakes (see `ResolvedSamTesting.namesakes`).
 */
export function generatedNamePrefix(stackPrefix: string): string {
  return stackPrefix.replace(/^-+/, '').replace(/-{2,}/g, '-').slice(0, GUARANTEED_STACK_NAME_PART);
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
