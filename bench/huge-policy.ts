/**
 * A valid but hostile trust policy: one statement listing `values` `sub` patterns (about 6 MB at 100,000).
 * `lockstep audit` and `lockstep explain` must stay linear in it.
 */
export function hugePolicy(values: number): unknown {
  const sub = Array.from({ length: values }, (_, i) => `repo:organization-name/repository-${i}:ref:refs/heads/main`);
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': sub },
        },
      },
    ],
  };
}
