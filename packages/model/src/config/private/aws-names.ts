import type { Partition } from '../../iam/partition';
import { parsePolicyArn } from '../../iam/arn';
import { quote } from './quote';

/**
 * Region names: `<area>[-gov|-iso…]-<direction>-<n>`, lowercase, e.g. `us-west-2`, `us-gov-west-1`, `cn-north-1`.
 * @see https://docs.aws.amazon.com/general/latest/gr/rande.html#region-names-codes
 */
const REGION = /^[a-z]{2}(?:-gov|-iso[a-z]?)?-(?:north|south|east|west|central|northeast|northwest|southeast|southwest)-[1-9][0-9]?$/;

/** Why a value is not a 12-digit AWS account id, or undefined. */
export function accountIdProblem(account: string): string | undefined {
  if (/^[0-9]{12}$/.test(account)) return undefined;
  const digits = account.replace(/[\s-]/g, '');
  const hint = /^[0-9]{12}$/.test(digits) ? `; write it without separators: ${quote(digits)}`
    : /^[0-9]+$/.test(account) ? ` (it has ${account.length}); an id with leading zeros keeps them, e.g. "012345678901"` : '';
  return `${quote(account)} is not an AWS account id; expected exactly 12 digits${hint}`;
}

/** Why a value is not an AWS region name, or undefined. */
export function regionProblem(region: string): string | undefined {
  if (REGION.test(region)) {
    return /-iso/.test(region) ? `${quote(region)} is in an isolated partition, which Lockstep does not support; expected a region of "aws", "aws-cn" or "aws-us-gov"` : undefined;
  }
  const guess = region.trim().toLowerCase().replace(/_/g, '-').replace(/([a-z])([0-9]+)$/, '$1-$2');
  const hint = REGION.test(guess) ? `; did you mean ${quote(guess)}?` : '';
  return `${quote(region)} is not an AWS region; expected a lowercase name like "us-west-2"${hint}`;
}

/**
 * Why IAM would refuse a role name, or undefined.
 * @param maxLength 64, or less when names are derived from it (`<role>-CfnExec`)
 * @see https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html
 */
export function roleNameProblem(name: string, maxLength = 64, why = ''): string | undefined {
  if (!/^[\w+=,.@-]+$/.test(name)) {
    return `${quote(name)} is not a valid IAM role name; expected only letters, digits and "+=,.@_-"`;
  }
  if (name.length > maxLength) {
    return `${quote(name)} has ${name.length} characters; expected at most ${maxLength}${why}; choose a shorter name`;
  }
  return undefined;
}

/**
 * Why IAM would refuse a path, or undefined: `/`, or `/a/b/` — at most 512 characters of printable ASCII.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-friendly-names
 */
export function iamPathProblem(path: string): string | undefined {
  if (path.length > 512) return `${quote(path)} has ${path.length} characters; expected at most 512`;
  if (path === '/' || /^\/(?:[\x21-\x2e\x30-\x7e]+\/)+$/.test(path)) return undefined;
  const fixed = `/${path.split('/').filter((p) => p !== '').join('/')}/`.replace(/^\/\/$/, '/');
  return `${quote(path)} is not an IAM path; expected "/" or "/segment/…/" (starting and ending with "/", no empty segment); did you mean ${quote(fixed)}?`;
}

/**
 * Why a permissions boundary ARN doesn't fit the role: not a managed policy ARN, or in another partition or
 * account (the role's own account, or `aws` for AWS managed policies).
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
 */
export function boundaryArnProblem(arn: string, partition: Partition, account: string): string | undefined {
  const parsed = parsePolicyArn(arn);
  const wellFormed = parsed !== undefined && /^([0-9]{12}|aws)$/.test(parsed.account) && /^\/(?:[\x21-\x7e]+\/)*$/.test(parsed.path) && /^[\w+=,.@-]{1,128}$/.test(parsed.name);
  if (!wellFormed) return `${quote(arn)} is not a managed policy ARN; expected "arn:${partition}:iam::${account}:policy/NAME"`;
  if (parsed.partition !== partition) {
    return `${quote(arn)} is in partition ${quote(parsed.partition)}, but the role's region is in ${quote(partition)}; expected "arn:${partition}:iam::…"`;
  }
  if (parsed.account !== account && parsed.account !== 'aws') {
    return `${quote(arn)} is in account ${quote(parsed.account)}, but the role is in ${quote(account)}; a boundary must be a policy of the role's own account`;
  }
  return undefined;
}
