import type { Partition } from './partition';

/**
 * A role's ARN, `arn:<partition>:iam::<account>:role<path><name>` (the path starts and ends with `/`).
 * This is the `role-to-assume` of the workflows; writing it from the same data as the role avoids drift.
 * @example roleArn('aws', '654654498014', '/', 'GitHubActionsOIDCRole-PythonSDK') // 'arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK'
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function roleArn(partition: Partition, account: string, path: string, name: string): string {
  return `arn:${partition}:iam::${account}:role${path}${name}`;
}
