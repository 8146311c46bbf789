import type { Partition } from '../iam/partition';
import { oidcProviderArnFor } from '../iam/arn';
import { GITHUB_OIDC_HOST } from './github-oidc';

/** The GitHub OIDC identity provider of one account. */
export interface ResolvedProvider {
  /** `create`: this stack creates it; `import`: it exists already (an account holds one per URL). */
  readonly mode: 'create' | 'import';
  /** `https://token.actions.githubusercontent.com` */
  readonly url: string;
  /** `arn:<partition>:iam::<account>:oidc-provider/token.actions.githubusercontent.com` */
  readonly arn: string;
  /** Client ids (audiences) the provider accepts. */
  readonly clientIds: readonly string[];
}

/**
 * The issuer URL of GitHub Actions' OIDC tokens, which is also the provider's URL in IAM.
 * @see https://docs.github.com/en/actions/security-for-github-actions/security-hardening-your-deployments/configuring-openid-connect-in-amazon-web-services#adding-the-identity-provider-to-aws
 */
export const GITHUB_OIDC_URL = `https://${GITHUB_OIDC_HOST}`;

/**
 * The ARN of an account's GitHub OIDC provider: `arn:<partition>:iam::<account>:oidc-provider/token.actions.githubusercontent.com`.
 * IAM names the provider after its URL, so the ARN is known whether the provider is created or imported.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html#identifiers-arns
 */
export function oidcProviderArn(partition: Partition, account: string): string {
  return oidcProviderArnFor(partition, account, GITHUB_OIDC_HOST);
}

/**
 * The GitHub OIDC provider of one account: created by the stack or imported, accepting one audience.
 * @see https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_providers_create_oidc.html
 */
export function oidcProvider(mode: 'create' | 'import', partition: Partition, account: string, audience: string): ResolvedProvider {
  return { mode, url: GITHUB_OIDC_URL, arn: oidcProviderArn(partition, account), clientIds: [audience] };
}
