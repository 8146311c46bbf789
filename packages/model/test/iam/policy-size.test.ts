import { DEFAULT_TRUST_POLICY_QUOTA, trustPolicySize } from '../../src/iam/policy-size';
import type { PolicyDocument } from '../../src/iam/policy-document';

const POLICY: PolicyDocument = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: 'arn:aws:iam::1:oidc-provider/x' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
};

describe('trustPolicySize', () => {
  test('counts the characters of the compact JSON', () => {
    expect(trustPolicySize(POLICY)).toBe(JSON.stringify(POLICY).length);
  });

  test('does not count whitespace, as IAM does not', () => {
    const spaced: PolicyDocument = { ...POLICY, Statement: [{ ...POLICY.Statement[0], Sid: 'a b  c' }] };
    const compact: PolicyDocument = { ...POLICY, Statement: [{ ...POLICY.Statement[0], Sid: 'abc' }] };
    expect(trustPolicySize(spaced)).toBe(trustPolicySize(compact));
  });

  test('grows by each added subject', () => {
    const withSub = (subs: string[]): PolicyDocument => ({
      ...POLICY,
      Statement: [{ ...POLICY.Statement[0], Condition: { StringEquals: { 'token.actions.githubusercontent.com:sub': subs } } }],
    });
    const one = trustPolicySize(withSub(['repo:o/r:ref:refs/heads/main']));
    const two = trustPolicySize(withSub(['repo:o/r:ref:refs/heads/main', 'repo:o/r:pull_request']));
    expect(two - one).toBe('"repo:o/r:pull_request",'.length);
  });

  test('has IAM default trust policy quota of 2048 characters', () => {
    expect(DEFAULT_TRUST_POLICY_QUOTA).toBe(2048);
  });
});
