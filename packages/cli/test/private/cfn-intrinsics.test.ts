import { resolveIntrinsics, UnresolvedIntrinsic } from '../../src/private/cfn-intrinsics';

const PSEUDO = { 'AWS::AccountId': '654654498014', 'AWS::Partition': 'aws', 'AWS::Region': 'us-west-2' };
const TEMPLATE = {
  Resources: {
    Provider: { Type: 'AWS::IAM::OIDCProvider', Properties: { Url: 'https://token.actions.githubusercontent.com' } },
    Bucket: { Type: 'AWS::S3::Bucket' },
  },
  Parameters: { Env: { Default: 'testing' } },
};

describe('resolveIntrinsics', () => {
  it('resolves Fn::Join of pseudo parameters', () => {
    const v = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':iam::', { Ref: 'AWS::AccountId' }, ':oidc-provider/x']] };
    expect(resolveIntrinsics(v, PSEUDO, TEMPLATE)).toBe('arn:aws:iam::654654498014:oidc-provider/x');
  });

  it('resolves Ref and GetAtt Arn of an OIDC provider created in the stack', () => {
    const arn = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
    expect(resolveIntrinsics({ Federated: { Ref: 'Provider' } }, PSEUDO, TEMPLATE)).toEqual({ Federated: arn });
    expect(resolveIntrinsics({ 'Fn::GetAtt': ['Provider', 'Arn'] }, PSEUDO, TEMPLATE)).toBe(arn);
  });

  it('resolves Fn::Sub, Fn::Select, Fn::Split and parameter defaults', () => {
    expect(resolveIntrinsics({ 'Fn::Sub': 'role-${Env}-${AWS::Region}' }, PSEUDO, TEMPLATE)).toBe('role-testing-us-west-2');
    expect(resolveIntrinsics({ 'Fn::Sub': ['${X}/${AWS::AccountId}', { X: 'a' }] }, PSEUDO, TEMPLATE)).toBe('a/654654498014');
    expect(resolveIntrinsics({ 'Fn::Select': [1, { 'Fn::Split': [',', 'a,b,c'] }] }, PSEUDO, TEMPLATE)).toBe('b');
  });

  it('refuses what is known only at deploy time', () => {
    expect(() => resolveIntrinsics({ Ref: 'AWS::AccountId' }, {}, TEMPLATE)).toThrow(UnresolvedIntrinsic);
    expect(() => resolveIntrinsics({ Ref: 'Bucket' }, PSEUDO, TEMPLATE)).toThrow(/a AWS::S3::Bucket/);
    expect(() => resolveIntrinsics({ 'Fn::ImportValue': 'x' }, PSEUDO, TEMPLATE)).toThrow(/not resolvable before deployment/);
  });
});
