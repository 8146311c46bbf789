/** The parts of an IAM role ARN, `arn:<partition>:iam::<account>:role<path><name>`. */
export interface RoleArnParts {
  readonly partition: string;
  readonly account: string;
  /** Starts and ends with `/`. */
  readonly path: string;
  readonly name: string;
}

const ROLE_ARN = /^arn:([a-z-]+):iam::([^:]*):role(\/(?:[^/]+\/)*)([^/]+)$/;

/**
 * Splits a role ARN; undefined for anything that is not one.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function parseRoleArn(arn: string): RoleArnParts | undefined {
  const m = ROLE_ARN.exec(arn.trim());
  return m ? { partition: m[1], account: m[2], path: m[3], name: m[4] } : undefined;
}
