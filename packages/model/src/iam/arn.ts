import type { Partition } from './partition';

/**
 * The parts of an ARN, `arn:<partition>:<service>:<region>:<account>:<resource>`.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html
 */
export interface ArnParts {
  /** `aws`, `aws-cn`, `aws-us-gov` (a string: parsed ARNs may name any). */
  readonly partition: string;
  /** e.g. `iam`, `cloudformation`, `s3`. */
  readonly service: string;
  /** Empty for global services (IAM, S3). */
  readonly region: string;
  /** Empty for S3 buckets and objects; `aws` for CloudFormation transforms. */
  readonly account: string;
  /** Everything after the fifth `:`, e.g. `role/path/Name`. */
  readonly resource: string;
}

/** The one place an ARN string is assembled. */
export function arn(parts: ArnParts): string {
  return `arn:${parts.partition}:${parts.service}:${parts.region}:${parts.account}:${parts.resource}`;
}

/** Splits any ARN into its parts; undefined for a string that is not one. */
export function parseArn(value: string): ArnParts | undefined {
  const m = /^arn:([^:]+):([^:]+):([^:]*):([^:]*):(.+)$/s.exec(value.trim());
  return m ? { partition: m[1], service: m[2], region: m[3], account: m[4], resource: m[5] } : undefined;
}

/**
 * A role's ARN, `arn:<partition>:iam::<account>:role<path><name>` (the path starts and ends with `/`).
 * This is the `role-to-assume` of the workflows; writing it from the same data as the role avoids drift.
 * @example roleArn('aws', '654654498014', '/', 'GitHubActionsOIDCRole-PythonSDK') // 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK'
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function roleArn(partition: Partition | string, account: string, path: string, name: string): string {
  return arn({ partition, service: 'iam', region: '', account, resource: `role${path}${name}` });
}

/** A customer managed policy's ARN, `arn:<partition>:iam::<account>:policy<path><name>`. */
export function policyArn(partition: Partition | string, account: string, path: string, name: string): string {
  return arn({ partition, service: 'iam', region: '', account, resource: `policy${path}${name}` });
}

/** An IAM OIDC provider's ARN, `arn:<partition>:iam::<account>:oidc-provider/<host>` (IAM names it after its URL). */
export function oidcProviderArnFor(partition: Partition | string, account: string, host: string): string {
  return arn({ partition, service: 'iam', region: '', account, resource: `oidc-provider/${host}` });
}

/** The parts of an IAM role or policy ARN. */
export interface IamArnParts {
  readonly partition: string;
  readonly account: string;
  /** Starts and ends with `/`. */
  readonly path: string;
  readonly name: string;
}

/**
 * Splits a role ARN (`arn:<partition>:iam::<account>:role<path><name>`); undefined for anything else.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function parseRoleArn(value: string): IamArnParts | undefined {
  return parseIamArn(value, 'role');
}

/** Splits a managed policy ARN (`arn:<partition>:iam::<account>:policy<path><name>`); undefined for anything else. */
export function parsePolicyArn(value: string): IamArnParts | undefined {
  return parseIamArn(value, 'policy');
}

function parseIamArn(value: string, kind: 'role' | 'policy'): IamArnParts | undefined {
  const parts = parseArn(value);
  if (parts === undefined || parts.service !== 'iam' || parts.region !== '') return undefined;
  const m = new RegExp(`^${kind}(/(?:[^/]+/)*)([^/]+)$`).exec(parts.resource);
  return m ? { partition: parts.partition, account: parts.account, path: m[1], name: m[2] } : undefined;
}
