import { roleArn } from '../../src/iam/role-arn';

describe('roleArn', () => {
  test('writes partition, account, path and name', () => {
    expect(roleArn('aws', '654654498014', '/', 'GitHubActionsOIDCRole-PythonSDK')).toBe('arn:aws:iam::654654498014:role/GitHubActionsOIDCRole-PythonSDK');
    expect(roleArn('aws-cn', '123456789012', '/ci/', 'r')).toBe('arn:aws-cn:iam::123456789012:role/ci/r');
  });
});
