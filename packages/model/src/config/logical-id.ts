import { shortHash } from '../basics/short-hash';

/**
 * A role's CloudFormation logical id, from its name only: the name's letters and digits (readable in the
 * template) and a short hash of the exact name (so `a-b` and `ab` differ). Renaming anything else —
 * environment, repositories, order — never replaces the role.
 * @example roleLogicalId('GitHubActionsOIDCRole-PythonSDK') // 'RoleGitHubActionsOIDCRolePythonSDK' + 8 hex digits
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/resources-section-structure.html#resources-section-structure-logicalid
 */
export function roleLogicalId(roleName: string): string {
  return `Role${roleName.replace(/[^A-Za-z0-9]/g, '')}${shortHash(roleName)}`;
}
