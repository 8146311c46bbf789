import { Template } from 'aws-cdk-lib/assertions';
import { GitHubOidcProvider } from '../src';
import { newStack, unacknowledgedFindings } from './support/cdk';
import { environment, richConfig } from './support/fixtures';

const config = richConfig();
const gov = environment(config, 'gov');
const testing = environment(config, 'testing');

describe('GitHubOidcProvider', () => {
  test('creates the native AWS::IAM::OIDCProvider with the model\'s URL and audiences, retained on stack deletion', () => {
    const stack = newStack(gov);
    const provider = new GitHubOidcProvider(stack, 'Provider', { provider: gov.provider });
    const template = Template.fromStack(stack);

    template.resourceCountIs('AWS::IAM::OIDCProvider', 1);
    expect(template.toJSON().Resources).toEqual({
      GitHubOidcProvider: {
        Type: 'AWS::IAM::OIDCProvider',
        Properties: { Url: 'https://token.actions.githubusercontent.com', ClientIdList: ['sts.amazonaws.com'] },
        DeletionPolicy: 'Retain',
        UpdateReplacePolicy: 'Retain',
      },
    });
    expect(provider.arn).toBe('arn:aws-us-gov:iam::210987654321:oidc-provider/token.actions.githubusercontent.com');
    expect(provider.mode).toBe('create');
    expect(unacknowledgedFindings(stack)).toEqual([]);
  });

  test('never uses the Lambda-backed Custom::AWSCDKOpenIdConnectProvider', () => {
    const stack = newStack(gov);
    new GitHubOidcProvider(stack, 'Provider', { provider: gov.provider });
    const types = Object.values(Template.fromStack(stack).toJSON().Resources as Record<string, { Type: string }>).map((r) => r.Type);
    expect(types).toEqual(['AWS::IAM::OIDCProvider']);
  });

  test('imports the existing provider by ARN without creating any resource', () => {
    const stack = newStack(testing);
    const provider = new GitHubOidcProvider(stack, 'Provider', { provider: testing.provider });
    expect(Template.fromStack(stack).toJSON().Resources ?? {}).toEqual({});
    expect(provider.mode).toBe('import');
    expect(provider.arn).toBe('arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com');
    expect(provider.provider.oidcProviderArn).toBe(provider.arn);
  });

  test.each([
    ['another issuer', { url: 'https://token.actions.example.com' }, /url: "https:\/\/token.actions.example.com" is not GitHub Actions' issuer/],
    ['an ARN of another provider', { arn: 'arn:aws:iam::654654498014:oidc-provider/accounts.google.com' }, /is not a GitHub OIDC provider ARN/],
    ['no audience', { clientIds: [] }, /0 client ids; IAM accepts 1 to 100/],
  ])('refuses %s', (_what, change, message) => {
    const stack = newStack(testing);
    expect(() => new GitHubOidcProvider(stack, 'Provider', { provider: { ...testing.provider, ...change } })).toThrow(message);
  });
});
