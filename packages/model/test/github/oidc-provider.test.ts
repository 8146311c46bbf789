import { oidcProvider, oidcProviderArn } from '../../src/github/oidc-provider';

describe('oidcProvider', () => {
  test('names the provider after its URL in the account and partition', () => {
    expect(oidcProviderArn('aws-us-gov', '123456789012')).toBe('arn:aws-us-gov:iam::123456789012:oidc-provider/token.actions.githubusercontent.com');
  });

  test('accepts the audience as its one client id', () => {
    expect(oidcProvider('import', 'aws-cn', '123456789012', 'sts.amazonaws.com.cn')).toEqual({
      mode: 'import',
      url: 'https://token.actions.githubusercontent.com',
      arn: 'arn:aws-cn:iam::123456789012:oidc-provider/token.actions.githubusercontent.com',
      clientIds: ['sts.amazonaws.com.cn'],
    });
  });
});
