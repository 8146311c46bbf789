import { checkExtraStatements } from './check-extra-statements';
import { artifactBucketName } from '../artifact-bucket';
import type { LockstepConfig } from '../config';
import { roleLogicalId } from '../logical-id';
import { DEFAULT_TRUST_POLICY_QUOTA } from '../../iam/policy-size';
import type { ResolvedRole } from '../resolved-config';
import { roleArn } from '../../iam/arn';
import { CFN_EXEC_SUFFIX, samTestingNames } from '../sam-testing-names';
import { boundaryArnProblem, iamPathProblem, roleNameProblem } from './aws-names';
import { caseInsensitiveDuplicates } from './duplicates';
import { IssueList } from './issue-list';
import { LIMITS } from './limits';
import { quote } from './quote';
import { rangeProblem, unknownReference } from './problems';
import { EnvironmentDraft, environmentRefused } from './resolve-environments';

/**
 * A role before its repositories, subjects and trust policy are known; `env` is undefined when unknown.
 * `splitWhenOverQuota` is the config's opt-in, used (and dropped) when the role is finished.
 */
export type RoleDraft = Omit<ResolvedRole, 'repos' | 'subjects' | 'trustPolicy' | 'trustPolicySize'> & {
  readonly env?: EnvironmentDraft;
  readonly splitWhenOverQuota: boolean;
};

/**
 * The longest name a role may have, and why when it is shorter than IAM's 64: a `sam-lambda-testing`
 * role's CloudFormation execution role is named `<role>-CfnExec`, which must fit too.
 */
export function roleNameLimit(name: string, permissions: ResolvedRole['permissions']): { readonly max: number; readonly why: string } {
  return permissions === 'sam-lambda-testing'
    ? { max: 64 - CFN_EXEC_SUFFIX.length, why: ` (its CloudFormation execution role is named "${name}${CFN_EXEC_SUFFIX}", and IAM allows 64)` }
    : { max: 64, why: '' };
}

const SESSION = LIMITS.roleSession;

/** Validates `roles` and derives ARNs, logical ids and the SAM testing names. */
export function resolveRoles(config: LockstepConfig, environments: Map<string, EnvironmentDraft>, issues: IssueList): Map<string, RoleDraft> {
  const result = new Map<string, RoleDraft>();
  for (const name of Object.keys(config.roles)) {
    const role = config.roles[name];
    const at = ['roles', name];
    const managedBy = role.managedBy ?? 'lockstep';
    const sam = role.permissions === 'sam-lambda-testing';
    const limit = roleNameLimit(name, role.permissions);
    issues.add(at, roleNameProblem(name, limit.max, limit.why));
    const env = environments.get(role.environment);
    if (env === undefined && !issues.refused(['environments', role.environment])) {
      issues.add([...at, 'environment'], unknownReference(role.environment, 'environment', environments.keys()));
    }
    const path = role.path ?? '/';
    issues.add([...at, 'path'], role.path === undefined ? undefined : iamPathProblem(path));
    const managedByRefused = issues.refused([...at, 'managedBy']);
    if (managedBy === 'lockstep' && role.permissions === undefined && !managedByRefused) {
      issues.add([...at, 'permissions'], `missing; a role that Lockstep manages needs a permission profile: expected "sam-lambda-testing" (or set managedBy to "terraform" or "external" if other code owns the role)`);
    }
    if (managedBy !== 'lockstep' && role.permissions !== undefined && !managedByRefused) {
      issues.add([...at, 'permissions'], `${quote(role.permissions)} is not allowed on a role managed by ${quote(managedBy)}: Lockstep only writes its trust policy; remove permissions, or set managedBy to "lockstep"`);
    }
    const maxSessionDuration = role.maxSessionDuration ?? SESSION.min;
    issues.add([...at, 'maxSessionDuration'], rangeProblem(maxSessionDuration, SESSION.min, SESSION.max, 'seconds'));
    const trustPolicyQuota = role.trustPolicyQuota ?? DEFAULT_TRUST_POLICY_QUOTA;
    issues.add([...at, 'trustPolicyQuota'], rangeProblem(trustPolicyQuota, 1, LIMITS.maxTrustPolicyQuota, 'characters'));
    if (role.permissionsBoundary !== undefined && env !== undefined && !environmentRefused(issues, env.name)) {
      issues.add([...at, 'permissionsBoundary'], boundaryArnProblem(role.permissionsBoundary, env.partition, env.account));
    }
    const partition = env?.partition ?? 'aws';
    const account = env?.account ?? '000000000000';
    result.set(name, {
      name,
      environment: role.environment,
      env,
      path,
      arn: roleArn(partition, account, path, name),
      managedBy,
      permissions: role.permissions,
      maxSessionDuration,
      permissionsBoundary: role.permissionsBoundary,
      trustPolicyQuota,
      splitWhenOverQuota: role.splitWhenOverQuota ?? false,
      description: role.description,
      extraStatements: checkExtraStatements(role.extraStatements, sam, [...at, 'extraStatements'], issues),
      logicalId: roleLogicalId(name),
      bindWorkflow: role.bindWorkflow ?? false,
      samTesting: sam && env !== undefined
        ? samTestingNames({ roleName: name, path, partition, account, artifactBucket: artifactBucketName(account, env.region) })
        : undefined,
    });
  }
  for (const dup of caseInsensitiveDuplicates(Object.keys(config.roles), 'IAM role names are unique ignoring case')) {
    issues.add(['roles', dup.name], dup.message);
  }
  checkExecutionRoleNames(config, issues);
  return result;
}

/**
 * The CloudFormation execution role of a `sam-lambda-testing` role, `<role>-CfnExec`, is an IAM role
 * too, and IAM role names are unique in an account ignoring case (whatever the path): no configured role
 * may take its name. Like the duplicate check above, this holds across accounts and for roles no repository
 * uses yet, so that moving a repository between roles never turns into a name collision.
 *
 * The function boundary (`<role>-FunctionBoundary`) is a managed policy: another namespace than roles,
 * and Lockstep creates no other managed policies, so two boundary names could only collide if their
 * roles' names did, which is refused already. Names of numbered roles are checked when roles are split.
 */
function checkExecutionRoleNames(config: LockstepConfig, issues: IssueList): void {
  const executionRoles = new Map<string, { name: string; of: string }>();
  for (const name of Object.keys(config.roles).sort()) {
    if (config.roles[name].permissions !== 'sam-lambda-testing') continue;
    const executionRole = `${name}${CFN_EXEC_SUFFIX}`;
    executionRoles.set(executionRole.toLowerCase(), { name: executionRole, of: name });
  }
  for (const name of Object.keys(config.roles).sort()) {
    const taken = executionRoles.get(name.toLowerCase());
    if (taken === undefined) continue;
    issues.add(
      ['roles', name],
      `${quote(name)} collides with ${quote(taken.name)}, the CloudFormation execution role of the sam-lambda-testing role ${quote(taken.of)}: `
      + `IAM role names are unique ignoring case; rename ${quote(name)} (or ${quote(taken.of)})`,
    );
  }
}

