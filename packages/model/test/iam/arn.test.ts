import { arn, oidcProviderArnFor, parseArn, parseOidcProviderArn, parsePolicyArn, parseRoleArn, policyArn, roleArn } from '../../src/iam/arn';

describe('roleArn', () => {
  test('writes partition, account, path and name', () => {
    expect(roleArn('aws', '654654498014', '/', 'GitHubActionsOIDCRole-PythonSDK')).toBe('arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK');
    expect(roleArn('aws-cn', '123456789012', '/ci/', 'r')).toBe('arn:aws-cn:iam::123456789012:role/ci/r');
  });
});

describe('the ARN builders and parsers agree', () => {
  test('a role ARN parses back to what built it, path included', () => {
    const built = roleArn('aws-us-gov', '123456789012', '/ci/lockstep/', 'Deployer');
    expect(parseRoleArn(built)).toEqual({ partition: 'aws-us-gov', account: '123456789012', path: '/ci/lockstep/', name: 'Deployer' });
  });

  test('a policy ARN parses back, and is not taken for a role (nor a role for a policy)', () => {
    const built = policyArn('aws', '654654498014', '/', 'R-FunctionBoundary');
    expect(parsePolicyArn(built)).toEqual({ partition: 'aws', account: '654654498014', path: '/', name: 'R-FunctionBoundary' });
    expect(parseRoleArn(built)).toBeUndefined();
    expect(parsePolicyArn(roleArn('aws', '654654498014', '/', 'R'))).toBeUndefined();
  });

  test('the OIDC provider ARN names the provider after its host', () => {
    expect(oidcProviderArnFor('aws-cn', '111111111111', 'token.actions.githubusercontent.com')).toBe('arn:aws-cn:iam::111111111111:oidc-provider/token.actions.githubusercontent.com');
  });

  test('any ARN splits into five parts and joins back; anything else is not an ARN', () => {
    for (const value of ['arn:aws:s3:::bucket/key/with:colon', 'arn:aws:cloudformation:us-west-2:aws:transform/Serverless-2016-10-31', 'arn:aws:lambda:us-west-2:1:function:f']) {
      expect(arn(parseArn(value)!)).toBe(value);
    }
    expect(parseArn('role/x')).toBeUndefined();
    expect(parseRoleArn('arn:aws:iam::1:role')).toBeUndefined();
  });
});

describe('parseOidcProviderArn', () => {
  test('splits a provider ARN into partition, account and host, an enterprise slug included', () => {
    expect(parseOidcProviderArn('arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com')).toEqual({ partition: 'aws', account: '111111111111', host: 'token.actions.githubusercontent.com' });
    expect(parseOidcProviderArn('arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com/acme')?.host).toBe('token.actions.githubusercontent.com/acme');
  });

  test('is not fooled by a role ARN or another service', () => {
    expect(parseOidcProviderArn(roleArn('aws', '1', '/', 'oidc-provider'))).toBeUndefined();
    expect(parseOidcProviderArn('arn:aws:sts::1:oidc-provider/x')).toBeUndefined();
  });
});
