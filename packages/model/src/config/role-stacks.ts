import { shortHash } from '../basics/short-hash';
import type { ResolvedRole } from './resolved-config';
import { environmentStackName } from './stack-names';

/**
 * CloudFormation's limit of resources in one stack.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const CLOUDFORMATION_STACK_RESOURCES = 500;

/**
 * The most resources Lockstep puts in one stack: well under CloudFormation's 500, so that a profile that
 * grows by a resource or two, or a bucket that fills up between two reviews, is not what breaks a deploy.
 */
export const STACK_RESOURCE_BUDGET = 400;

/**
 * How many role stacks an environment's roles are spread over when `environments.<env>.roleStacks` is not
 * set. Large enough that a few hundred dedicated roles per environment fit without ever changing it (a
 * change moves roles: see {@link roleStackIndex}); only the stacks that hold a role exist.
 */
export const DEFAULT_ROLE_STACKS = 100;

/** The largest `roleStacks` accepted (CloudFormation's default quota is 2,000 stacks an account). */
export const MAX_ROLE_STACKS = 999;

/**
 * CloudFormation resources one Lockstep-managed role synthesizes to, by permission profile: the role
 * itself, plus for `sam-lambda-testing` its inline policy, the CloudFormation execution role, that role's
 * read-only managed policy and the function boundary. The infra tests compare it with every synthesized
 * role; a profile missing here counts {@link UNKNOWN_PROFILE_RESOURCES}.
 */
export const ROLE_RESOURCES: Readonly<Partial<Record<string, number>>> = { none: 1, 'sam-lambda-testing': 5, 'test-stack-sweeper': 2 };

/** The count assumed for a permission profile {@link ROLE_RESOURCES} does not list: generous, never low. */
export const UNKNOWN_PROFILE_RESOURCES = 10;

/**
 * The most template bytes Lockstep puts in one stack: under CloudFormation's 1 MB for a template in S3
 * (`cdk deploy` uploads every template over 50 KB there), measured as `npx projen` writes it (indented).
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const STACK_TEMPLATE_BUDGET = 900_000;

/**
 * Template bytes of a Lockstep-managed role by profile, and per repository mapped to it (its prefixes in
 * the policies): generous estimates, which the infra tests check against synthesized templates.
 */
export const ROLE_TEMPLATE_BYTES: Readonly<Partial<Record<string, { readonly role: number; readonly perRepo: number }>>> = {
  none: { role: 3_000, perRepo: 300 },
  'sam-lambda-testing': { role: 26_500, perRepo: 3_000 },
  'test-stack-sweeper': { role: 6_000, perRepo: 0 },
};

/** The template bytes a Lockstep-managed role adds to its stack (see {@link ROLE_TEMPLATE_BYTES}); unknown profiles count 40 KB. */
export function roleTemplateBytes(role: Pick<ResolvedRole, 'permissions' | 'repos'>): number {
  const size = ROLE_TEMPLATE_BYTES[role.permissions ?? 'none'] ?? { role: 40_000, perRepo: 2_000 };
  return size.role + size.perRepo * role.repos.length;
}

/** The resources a Lockstep-managed role adds to its stack (see {@link ROLE_RESOURCES}). */
export function roleResources(role: Pick<ResolvedRole, 'permissions'>): number {
  return ROLE_RESOURCES[role.permissions ?? 'none'] ?? UNKNOWN_PROFILE_RESOURCES;
}

/**
 * The role stack (0-based) of a role: a fixed hash of the role's name alone, scaled onto `roleStacks`
 * buckets. Nothing else goes in, so adding, removing or renaming any other role or repository never moves
 * this role (a move is a delete in one stack and a create in another: an outage for its workflows).
 * Changing `roleStacks` moves most roles, once.
 *
 * The hash is FNV-1a (32-bit) followed by MurmurHash3's finalizer `fmix32`, which spreads the last
 * characters of a name over every bit (FNV-1a alone leaves names that differ only in their last digit,
 * `Svc-00001`, `Svc-00002`, in neighbouring buckets); the bucket is `hash × roleStacks / 2³²`.
 * Part of the deployed layout: changing this function moves roles.
 * @see https://github.com/aappleby/smhasher/blob/master/src/MurmurHash3.cpp (fmix32)
 */
export function roleStackIndex(roleName: string, roleStacks: number): number {
  return Math.floor((fmix32(parseInt(shortHash(roleName), 16)) * roleStacks) / 2 ** 32);
}

/** MurmurHash3's 32-bit finalizer: every input bit affects every output bit. */
function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * The CloudFormation stack name of role stack `index` (0-based) of an environment, e.g. `Lockstep-testing--07`.
 * The `--` can't occur in an environment's own stack name ({@link environmentStackName} of a name made of
 * letters, digits and single hyphens), so no environment's role stack is another environment's stack.
 */
export function roleStackName(environment: string, index: number): string {
  return `${environmentStackName(environment)}--${String(index + 1).padStart(2, '0')}`;
}
