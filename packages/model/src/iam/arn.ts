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

/** The parts of an IAM OIDC provider ARN. */
export interface OidcProviderArnParts {
  readonly partition: string;
  readonly account: string;
  /** The provider's URL without `https://`, e.g. `token.actions.githubusercontent.com` (an enterprise adds `/<slug>`). */
  readonly host: string;
}

/** Splits an OIDC provider ARN (`arn:<partition>:iam::<account>:oidc-provider/<host>`); undefined for anything else. */
export function parseOidcProviderArn(value: string): OidcProviderArnParts | undefined {
  const parts = parseArn(value);
  if (parts === undefined || parts.service !== 'iam' || parts.region !== '' || !parts.resource.startsWith('oidc-provider/')) return undefined;
  return { partition: parts.partition, account: parts.account, host: parts.resource.slice('oidc-provider/'.length) };
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

/** A regional resource's ARN, `arn:<partition>:<service>:<region>:<account>:<resource>` (Lambda, logs, SQS, …). */
export function regionalArn(partition: Partition | string, service: string, region: string, account: string, resource: string): string {
  return arn({ partition, service, region, account, resource });
}

/**
 * An S3 bucket's ARN, or an object (pattern) in it when `key` is given: `arn:<partition>:s3:::<bucket>[/<key>]`.
 * S3 ARNs carry no account: `s3:ResourceAccount` is what pins the bucket owner.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/amazon-s3-policy-keys.html#example-object-resource-account
 */
export function s3Arn(partition: Partition | string, bucket: string, key?: string): string {
  return arn({ partition, service: 's3', region: '', account: '', resource: key === undefined ? bucket : `${bucket}/${key}` });
}

/**
 * An API Gateway management ARN (REST and HTTP APIs), `arn:<partition>:apigateway:<region>::<path>`, e.g. path `/restapis/a1b2c3`.
 * @see https://docs.aws.amazon.com/apigateway/latest/developerguide/arn-format-reference.html
 */
export function apiGatewayArn(partition: Partition | string, region: string, path: string): string {
  return arn({ partition, service: 'apigateway', region, account: '', resource: path });
}

/**
 * A CloudFormation transform's ARN, `arn:<partition>:cloudformation:<region>:aws:transform/<name>`; CreateChangeSet of a
 * template that uses the transform is authorized against it too.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/using-iam-template.html
 */
export function transformArn(partition: Partition | string, region: string, name: string): string {
  return arn({ partition, service: 'cloudformation', region, account: 'aws', resource: `transform/${name}` });
}
