import {
  LockstepConfigError,
  policyArn,
  policyJson,
  roleArn,
  samTestingPermissions,
  type ResolvedEnvironment,
  type ResolvedRepo,
  type SamTestingPermissions,
} from '@lockstep/model';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, type IConstruct } from 'constructs';
import type { GitHubActionsRole } from './github-actions-role';
import { acknowledgeWildcards } from './private/acknowledge';

/** Properties of {@link SamLambdaTesting}. */
export interface SamLambdaTestingProps {
  /** The role GitHub assumes; its resolved role must have the `sam-lambda-testing` profile. */
  readonly role: GitHubActionsRole;
  /** The environment (account, region, partition) of the role. */
  readonly environment: ResolvedEnvironment;
  /**
   * The resolved repositories; those mapped to the role with a generated lambda-tests workflow give the
   * stack-name and artifact prefixes.
   */
  readonly repos: readonly ResolvedRepo[];
}

/**
 * IAM's size limits, in characters without whitespace.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_iam-quotas.html#reference_iam-quotas-entity-length
 */
const INLINE_POLICIES_PER_ROLE = 10_240;
const MANAGED_POLICY = 6_144;

/** Suffix of the managed policy with the execution role's read-only statements (`<role>-CfnExecReads`). */
const EXECUTION_READS_SUFFIX = 'Reads';

/** Inline policy names of the profile. */
export const SAM_TESTING_POLICY_NAMES = {
  githubRole: 'lockstep-sam-lambda-testing',
  executionRole: 'lockstep-sam-lambda-testing-execution',
} as const;

/**
 * The `sam-lambda-testing` permission profile of one GitHub role: its inline policy, the CloudFormation
 * execution role it may pass, and the permissions boundary of function roles — the two-role pattern of
 * `sam pipeline bootstrap`, scoped to the prefixes of the repositories mapped to the role.
 *
 * Each wildcard resource is a prefix and carries a cdk-nag acknowledgement (`AwsSolutions-IAM5[Resource::…]`)
 * with its reason; no action is a wildcard. Names and ARNs are the model's (`samTesting`), so the
 * workflow's `--role-arn` and the deployed role cannot differ.
 * @see https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/serverless-generating-example-ci-cd-others.html
 */
export class SamLambdaTesting extends Construct {
  /** The statements, with the reason of each, for reports and tests. */
  public readonly permissions: SamTestingPermissions;
  /** The CloudFormation execution role (trusted by `cloudformation.amazonaws.com` only). */
  public readonly executionRole: iam.Role;
  /** The managed policy every function role must carry as its permissions boundary. */
  public readonly functionBoundary: iam.ManagedPolicy;
  /** The GitHub role's inline policy. */
  public readonly githubRolePolicy: iam.Policy;
  /** The execution role's read-only statements, a managed policy attached to it (keeps the inline policy within IAM's limit). */
  public readonly executionRoleReads: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: SamLambdaTestingProps) {
    super(scope, id);
    const { role: githubRole, environment } = props;
    const role = githubRole.resolved;
    const sam = role.samTesting;
    if (role.permissions !== 'sam-lambda-testing' || sam === undefined) {
      throw new Error(`SamLambdaTesting ${role.name}: the role's permissions are ${JSON.stringify(role.permissions)}, not "sam-lambda-testing"`);
    }
    if (role.environment !== environment.name) {
      throw new Error(`SamLambdaTesting ${role.name}: the role belongs to environment "${role.environment}", not "${environment.name}"`);
    }
    const tests = props.repos
      .filter((repo) => repo.role === role.name && repo.lambdaTests !== undefined)
      .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
      .map((repo) => ({ repo: repo.name, ...repo.lambdaTests! }));
    if (tests.length === 0) {
      throw new Error(`SamLambdaTesting ${role.name}: no repository with lambdaTests is mapped to the role; map one, or remove permissions: "sam-lambda-testing"`);
    }
    for (const t of tests) {
      if (t.artifactBucket !== sam.artifactBucket) {
        throw new Error(`SamLambdaTesting ${role.name}: repos.${t.repo}.lambdaTests uploads to "${t.artifactBucket}", but the role's artifact bucket is "${sam.artifactBucket}"`);
      }
    }

    this.permissions = samTestingPermissions({
      partition: environment.partition,
      account: environment.account,
      region: environment.region,
      repos: tests.map((t) => ({ name: t.repo, stackPrefix: t.stackPrefix, artifactPrefix: t.artifactPrefix })),
      artifactBucket: sam.artifactBucket,
      executionRoleArn: sam.executionRoleArn,
      functionBoundaryArn: sam.functionBoundaryArn,
      namesakes: sam.namesakes,
      extraStatements: role.extraStatements,
    });
    const boundaryDoc = policyJson(this.permissions.functionBoundary);
    const executionDoc = policyJson(this.permissions.executionRole);
    const githubDoc = policyJson(this.permissions.githubRole);
    const readsDoc = policyJson(this.permissions.executionRoleReads);
    // Each namesake adds a Deny of its function log groups to the GitHub role's and the execution role's policies,
    // and of its log groups and table streams to the boundary.
    const fix = sam.namesakes === undefined
      ? 'map fewer repositories to the role'
      : `map fewer repositories to the role, or rename those of other roles whose functions are named like its repositories' (${sam.namesakes.join(', ')})`;
    checkSize(role.name, `${sam.functionBoundaryName} (managed policy)`, boundaryDoc, MANAGED_POLICY, fix);
    checkSize(role.name, `${sam.executionRoleName} (inline policies)`, executionDoc, INLINE_POLICIES_PER_ROLE, fix);
    checkSize(role.name, `${role.name} (inline policies)`, githubDoc, INLINE_POLICIES_PER_ROLE, fix);
    checkSize(role.name, `${sam.executionRoleName}${EXECUTION_READS_SUFFIX} (managed policy)`, readsDoc, MANAGED_POLICY, fix);

    this.functionBoundary = new iam.ManagedPolicy(this, 'FunctionBoundary', {
      managedPolicyName: sam.functionBoundaryName,
      path: role.path,
      description: `Permissions boundary of every function role in the Lambda test stacks of ${role.name}. Managed by Lockstep.`,
      document: iam.PolicyDocument.fromJson(boundaryDoc),
    });
    overrideLogicalId(this.functionBoundary, `${role.logicalId}FunctionBoundary`);
    acknowledgeWildcards(this.functionBoundary, this.permissions.functionBoundary);

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      roleName: sam.executionRoleName,
      path: role.path,
      description: `CloudFormation execution role of the Lambda test stacks of ${role.name} (sam deploy --role-arn). Managed by Lockstep.`,
      assumedBy: new iam.ServicePrincipal('cloudformation.amazonaws.com'),
      inlinePolicies: { [SAM_TESTING_POLICY_NAMES.executionRole]: iam.PolicyDocument.fromJson(executionDoc) },
    });
    overrideLogicalId(this.executionRole, `${role.logicalId}CfnExecutionRole`);
    acknowledgeWildcards(this.executionRole, this.permissions.executionRole);

    this.executionRoleReads = new iam.ManagedPolicy(this, 'ExecutionRoleReads', {
      managedPolicyName: `${sam.executionRoleName}${EXECUTION_READS_SUFFIX}`,
      path: role.path,
      description: `Read-only permissions of the CloudFormation execution role of ${role.name}'s Lambda test stacks. Managed by Lockstep.`,
      document: iam.PolicyDocument.fromJson(readsDoc),
      roles: [this.executionRole],
    });
    overrideLogicalId(this.executionRoleReads, `${role.logicalId}CfnExecutionReads`);
    acknowledgeWildcards(this.executionRoleReads, this.permissions.executionRoleReads);

    this.githubRolePolicy = new iam.Policy(this, 'GitHubRolePolicy', {
      policyName: SAM_TESTING_POLICY_NAMES.githubRole,
      document: iam.PolicyDocument.fromJson(githubDoc),
      roles: [githubRole],
    });
    overrideLogicalId(this.githubRolePolicy, `${role.logicalId}SamLambdaTestingPolicy`);
    acknowledgeWildcards(this.githubRolePolicy, this.permissions.githubRole);

    const { partition, account } = environment;
    checkArn(`${role.name}: execution role`, sam.executionRoleArn, roleArn(partition, account, role.path, sam.executionRoleName));
    checkArn(`${role.name}: function boundary`, sam.functionBoundaryArn, policyArn(partition, account, role.path, sam.functionBoundaryName));
  }
}

function overrideLogicalId(scope: IConstruct, logicalId: string): void {
  (scope.node.defaultChild as iam.CfnRole | iam.CfnManagedPolicy | iam.CfnPolicy).overrideLogicalId(logicalId);
}

/**
 * Refuses a policy over IAM's size limit as a problem of the config (at the role), the way resolve() reports
 * one: only the built policy shows it, and `npx projen` prints it without a stack trace, writing nothing.
 */
function checkSize(roleName: string, what: string, doc: object, limit: number, fix: string): void {
  const size = JSON.stringify(doc).replace(/\s/g, '').length;
  if (size > limit) {
    throw new LockstepConfigError([{ path: `roles.${roleName}`, message: `${what}: ${size} characters without whitespace, over IAM's limit of ${limit}; ${fix}` }]);
  }
}

/**
 * CloudFormation will name the resource from its name and path; the model's ARN (what the workflows pass
 * and the GitHub role's policy references) must be exactly that, or `--role-arn` would name nothing.
 */
function checkArn(what: string, expected: string, actual: string): void {
  if (expected !== actual) throw new Error(`${what}: the model's ARN "${expected}" differs from the ARN of the created resource "${actual}"`);
}
