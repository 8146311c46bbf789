import type { PolicyDocument } from '../iam/policy-document';
import { compareStrings } from '../basics/compare-strings';
import type { ResolvedConfig, RoleManager } from '../config/resolved-config';

/** The trust policy of a role this app doesn't create, for the code that owns the role. */
export interface ExportedTrustPolicy {
  readonly roleName: string;
  readonly roleArn: string;
  readonly environment: string;
  readonly managedBy: Exclude<RoleManager, 'lockstep'>;
  /** The model's document, unchanged: what `aws_iam_role.assume_role_policy` must be. */
  readonly trustPolicy: PolicyDocument;
}

/**
 * The trust policies of every role managed elsewhere (`managedBy: 'terraform' | 'external'`), sorted by
 * role name. Terraform reads the file directly (`assume_role_policy = file("…/<role>.json")`), so the
 * repositories mapped to the role in lockstep.config.ts and the deployed trust policy can't drift.
 */
export function exportedTrustPolicies(config: ResolvedConfig): ExportedTrustPolicy[] {
  return config.roles
    .filter((role): role is typeof role & { managedBy: ExportedTrustPolicy['managedBy'] } => role.managedBy !== 'lockstep')
    .map((role) => ({
      roleName: role.name,
      roleArn: role.arn,
      environment: role.environment,
      managedBy: role.managedBy,
      trustPolicy: role.trustPolicy,
    }))
    .sort((a, b) => compareStrings(a.roleName, b.roleName));
}
