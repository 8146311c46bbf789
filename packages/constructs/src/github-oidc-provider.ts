import { GITHUB_OIDC_HOST, GITHUB_OIDC_URL, parseOidcProviderArn, PARTITIONS, type ResolvedProvider } from '@lockstep/model';
import { RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Properties of a {@link GitHubOidcProvider}. */
export interface GitHubOidcProviderProps {
  /** The account's provider as the model resolved it: create or import, URL, ARN, client ids (audiences). */
  readonly provider: ResolvedProvider;
  /**
   * CloudFormation logical id of the provider when it is created.
   * @default 'GitHubOidcProvider'
   */
  readonly logicalId?: string;
}

/** Whether an ARN is a GitHub OIDC provider's: `arn:<partition>:iam::<12 digits>:oidc-provider/token.actions.githubusercontent.com`. */
function isGitHubProviderArn(arn: string): boolean {
  const parts = parseOidcProviderArn(arn);
  return parts !== undefined && PARTITIONS.includes(parts.partition) && /^\d{12}$/.test(parts.account) && parts.host === GITHUB_OIDC_HOST;
}

/**
 * The GitHub Actions OIDC identity provider of one account: created with the native
 * `AWS::IAM::OIDCProvider` resource (no Lambda-backed custom resource), or imported by ARN when it
 * already exists — an account holds one provider per URL, and a second create fails with
 * `EntityAlreadyExists`.
 *
 * A created provider is retained when the stack is deleted: removing it would break every role of the
 * account that trusts GitHub, including roles this stack doesn't manage.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services
 */
export class GitHubOidcProvider extends Construct {
  /** The provider, to reference from CDK code. */
  public readonly provider: iam.IOidcProvider;
  /**
   * The provider's ARN as a literal string (IAM names a provider after its URL, so it is known before
   * deployment); the `Federated` principal of every trust policy of the account.
   */
  public readonly arn: string;
  /** Whether this stack creates the provider (`create`) or references an existing one (`import`). */
  public readonly mode: ResolvedProvider['mode'];

  constructor(scope: Construct, id: string, props: GitHubOidcProviderProps) {
    super(scope, id);
    const { provider } = props;
    const problems: string[] = [];
    if (provider.url !== GITHUB_OIDC_URL) problems.push(`url: "${provider.url}" is not GitHub Actions' issuer; expected "${GITHUB_OIDC_URL}"`);
    if (!isGitHubProviderArn(provider.arn)) {
      problems.push(`arn: "${provider.arn}" is not a GitHub OIDC provider ARN; expected "arn:<partition>:iam::<account>:oidc-provider/token.actions.githubusercontent.com"`);
    }
    if (provider.clientIds.length < 1 || provider.clientIds.length > 100) {
      problems.push(`clientIds: ${provider.clientIds.length} client ids; IAM accepts 1 to 100`);
    }
    if (problems.length > 0) throw new Error(`GitHubOidcProvider ${this.node.path}:\n${problems.join('\n')}`);

    this.arn = provider.arn;
    this.mode = provider.mode;
    if (provider.mode === 'import') {
      this.provider = iam.OidcProviderNative.fromOidcProviderArn(this, 'Provider', provider.arn);
      return;
    }
    const created = new iam.OidcProviderNative(this, 'Provider', {
      url: provider.url,
      clientIds: [...provider.clientIds],
      // No thumbprints: IAM has verified GitHub's tokens against its trusted CAs since 2023-07.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    (created.node.defaultChild as iam.CfnOIDCProvider).overrideLogicalId(props.logicalId ?? 'GitHubOidcProvider');
    this.provider = created;
  }
}
