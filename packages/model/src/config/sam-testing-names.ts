import type { Partition } from '../iam/partition';
import type { ResolvedSamTesting } from './resolved-config';
import { policyArn, roleArn } from '../iam/arn';

/** Where a `sam-lambda-testing` role lives. */
export interface SamTestingNamesOptions {
  /** The role GitHub assumes. */
  readonly roleName: string;
  /** Its IAM path; the execution role and the boundary policy share it. */
  readonly path: string;
  readonly partition: Partition;
  readonly account: string;
  /** The environment's artifact bucket. */
  readonly artifactBucket: string;
}

/** Suffix of the CloudFormation execution role; the role name plus it must fit IAM's 64 characters. */
export const CFN_EXEC_SUFFIX = '-CfnExec';
/** Suffix of the permissions boundary every function role must carry. */
export const FUNCTION_BOUNDARY_SUFFIX = '-FunctionBoundary';

/**
 * The names and ARNs of the resources that belong to one `sam-lambda-testing` role: the CloudFormation
 * execution role it may pass (`<role>-CfnExec`) and the boundary of function roles (`<role>-FunctionBoundary`),
 * in the same pattern as `sam pipeline bootstrap`.
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-generating-example-ci-cd-others.html
 */
export function samTestingNames(options: SamTestingNamesOptions): ResolvedSamTesting {
  const executionRoleName = `${options.roleName}${CFN_EXEC_SUFFIX}`;
  const functionBoundaryName = `${options.roleName}${FUNCTION_BOUNDARY_SUFFIX}`;
  return {
    executionRoleName,
    executionRoleArn: roleArn(options.partition, options.account, options.path, executionRoleName),
    functionBoundaryName,
    functionBoundaryArn: policyArn(options.partition, options.account, options.path, functionBoundaryName),
    artifactBucket: options.artifactBucket,
  };
}
