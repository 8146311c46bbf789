import { federatedPrincipals, type PolicyDocument, type ResolvedRole } from '@lockstep/model';
import { Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type { Construct } from 'constructs';
import type { GitHubOidcProvider } from './github-oidc-provider';

/** Properties of a {@link GitHubActionsRole}. */
export interface GitHubActionsRoleProps {
  /** The role as the model resolved it: name, path, session length, boundary, trust policy, logical id. */
  readonly role: ResolvedRole;
  /**
   * The account's GitHub OIDC provider. Every statement of the trust policy must name it; when the stack
   * creates it, the role is created after it.
   */
  readonly provider: GitHubOidcProvider;
}

/**
 * An IAM role that GitHub Actions workflows assume through OIDC, whose trust policy is the model's
 * document byte for byte: the synthesized `AssumeRolePolicyDocument` deep-equals `role.trustPolicy`,
 * so what `lockstep check` proves on the model holds for the deployed role.
 *
 * The document is set on the `AWS::IAM::Role` resource directly rather than rebuilt from CDK principals
 * (which would reorder keys and turn one-element lists into strings). Consequently
 * `role.assumeRolePolicy` does not describe the deployed trust policy, and adding statements to it has
 * no effect: change the config instead.
 *
 * The logical id is the model's, derived from the role name only, so reordering or renaming anything
 * else never replaces the role.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services#configuring-the-role-and-trust-policy
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_create_for-idp_oidc.html
 */
export class GitHubActionsRole extends iam.Role {
  /** The model's trust policy, as synthesized. */
  public readonly trustPolicy: PolicyDocument;
  /** The resolved role this was built from. */
  public readonly resolved: ResolvedRole;

  constructor(scope: Construct, id: string, props: GitHubActionsRoleProps) {
    const { role, provider } = props;
    validateRole(role, provider);
    super(scope, id, {
      roleName: role.name,
      path: role.path,
      maxSessionDuration: Duration.seconds(role.maxSessionDuration),
      description: role.description,
      // Only the principal type matters to CDK here (e.g. for grants); the deployed document is set below.
      assumedBy: new iam.WebIdentityPrincipal(provider.arn),
    });
    this.resolved = role;
    // A deep copy: the template must not share (or let CDK mutate) the model's objects.
    this.trustPolicy = JSON.parse(JSON.stringify(role.trustPolicy)) as PolicyDocument;
    const cfnRole = this.node.defaultChild as iam.CfnRole;
    cfnRole.assumeRolePolicyDocument = this.trustPolicy;
    if (role.permissionsBoundary !== undefined) cfnRole.permissionsBoundary = role.permissionsBoundary;
    cfnRole.overrideLogicalId(role.logicalId);
    if (provider.mode === 'create') this.node.addDependency(provider);
  }
}

function validateRole(role: ResolvedRole, provider: GitHubOidcProvider): void {
  const problems: string[] = [];
  if (role.managedBy !== 'lockstep') {
    problems.push(`managedBy: "${role.managedBy}"; this stack creates only roles managed by "lockstep" (export the trust policy of the others)`);
  }
  role.trustPolicy.Statement.forEach((statement, i) => {
    const principal = statement.Principal;
    const names = federatedPrincipals(principal);
    if (statement.Effect === 'Allow' && (names.length !== 1 || names[0] !== provider.arn)) {
      problems.push(`trustPolicy.Statement[${i}].Principal.Federated: expected exactly the account's GitHub provider "${provider.arn}", got ${JSON.stringify(names.length > 0 ? names : principal)}`);
    }
  });
  if (!/^[A-Za-z][A-Za-z0-9]{0,254}$/.test(role.logicalId)) {
    problems.push(`logicalId: "${role.logicalId}" is not a CloudFormation logical id (letters and digits, starting with a letter, up to 255)`);
  }
  if (problems.length > 0) throw new Error(`GitHubActionsRole ${role.name}:\n${problems.join('\n')}`);
}
