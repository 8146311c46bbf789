import { evaluateTrust, TrustRequest } from '../../src/github/evaluate-trust';
import { AUD_KEY, SUB_KEY } from '../../src/github/github-oidc';
import type { ConditionBlock, PolicyDocument, PolicyStatement } from '../../src/iam/policy-document';

const PROVIDER = 'arn:aws:iam::654654498014:oidc-provider/token.actions.githubusercontent.com';
const MAIN = 'repo:honeyhiveai/python-sdk:ref:refs/heads/main';

function allow(condition?: ConditionBlock, extra: Partial<PolicyStatement> = {}): PolicyStatement {
  return { Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}), ...extra };
}

function policy(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

function request(claims: TrustRequest['claims'], extra: Partial<TrustRequest> = {}): TrustRequest {
  return { claims, principal: PROVIDER, ...extra };
}

/** The decision for one condition block against the claims. */
function decide(condition: ConditionBlock, claims: TrustRequest['claims']): 'allow' | 'deny' {
  return evaluateTrust(policy(allow(condition)), request(claims)).decision;
}

describe('evaluateTrust: IAM string operators', () => {
  test('StringEquals compares exactly and case-sensitively', () => {
    expect(decide({ StringEquals: { [SUB_KEY]: MAIN } }, { [SUB_KEY]: MAIN })).toBe('allow');
    expect(decide({ StringEquals: { [SUB_KEY]: MAIN } }, { [SUB_KEY]: MAIN.toUpperCase() })).toBe('deny');
    expect(decide({ StringEquals: { [SUB_KEY]: 'repo:o/*' } }, { [SUB_KEY]: 'repo:o/r' })).toBe('deny');
  });

  test('StringNotEquals holds when the value equals none of the listed values', () => {
    expect(decide({ StringNotEquals: { [SUB_KEY]: ['a', 'b'] } }, { [SUB_KEY]: 'c' })).toBe('allow');
    expect(decide({ StringNotEquals: { [SUB_KEY]: ['a', 'b'] } }, { [SUB_KEY]: 'b' })).toBe('deny');
  });

  test('StringEqualsIgnoreCase and StringNotEqualsIgnoreCase ignore case', () => {
    expect(decide({ StringEqualsIgnoreCase: { [SUB_KEY]: 'Repo:O/R' } }, { [SUB_KEY]: 'repo:o/r' })).toBe('allow');
    expect(decide({ StringEqualsIgnoreCase: { [SUB_KEY]: 'repo:o/r' } }, { [SUB_KEY]: 'repo:o/x' })).toBe('deny');
    expect(decide({ StringNotEqualsIgnoreCase: { [SUB_KEY]: 'Repo:O/R' } }, { [SUB_KEY]: 'repo:o/r' })).toBe('deny');
    expect(decide({ StringNotEqualsIgnoreCase: { [SUB_KEY]: 'Repo:O/R' } }, { [SUB_KEY]: 'repo:o/x' })).toBe('allow');
  });

  test('StringLike "*" spans any run of characters including "/" and ":"', () => {
    expect(decide({ StringLike: { [SUB_KEY]: 'repo:o/*' } }, { [SUB_KEY]: 'repo:o/r:ref:refs/heads/a/b' })).toBe('allow');
    expect(decide({ StringLike: { [SUB_KEY]: 'repo:o/app*' } }, { [SUB_KEY]: 'repo:o/app-evil:pull_request' })).toBe('allow');
    expect(decide({ StringLike: { [SUB_KEY]: 'repo:o/r:*' } }, { [SUB_KEY]: 'repo:o/x:pull_request' })).toBe('deny');
  });

  test('StringLike "?" matches exactly one character', () => {
    expect(decide({ StringLike: { [SUB_KEY]: 'repo:o/r?' } }, { [SUB_KEY]: 'repo:o/r1' })).toBe('allow');
    expect(decide({ StringLike: { [SUB_KEY]: 'repo:o/r?' } }, { [SUB_KEY]: 'repo:o/r' })).toBe('deny');
    expect(decide({ StringLike: { [SUB_KEY]: 'repo:o/r?' } }, { [SUB_KEY]: 'repo:o/r12' })).toBe('deny');
  });

  test('StringLike treats regular-expression characters literally', () => {
    expect(decide({ StringLike: { [SUB_KEY]: 'a.b(c)+[d]$' } }, { [SUB_KEY]: 'a.b(c)+[d]$' })).toBe('allow');
    expect(decide({ StringLike: { [SUB_KEY]: 'a.b' } }, { [SUB_KEY]: 'axb' })).toBe('deny');
  });

  test('StringNotLike holds when the value matches none of the patterns', () => {
    expect(decide({ StringNotLike: { [SUB_KEY]: 'repo:evil/*' } }, { [SUB_KEY]: MAIN })).toBe('allow');
    expect(decide({ StringNotLike: { [SUB_KEY]: 'repo:honeyhiveai/*' } }, { [SUB_KEY]: MAIN })).toBe('deny');
  });

  test('Arn operators compare the six ARN components separately, with wildcards', () => {
    const key = 'example.com:arn';
    expect(decide({ ArnLike: { [key]: 'arn:aws:iam::*:role/*' } }, { [key]: 'arn:aws:iam::123456789012:role/Deploy' })).toBe('allow');
    expect(decide({ ArnEquals: { [key]: 'arn:aws:iam::123456789012:role/Deploy' } }, { [key]: 'arn:aws:iam::123456789012:role/Deploy' })).toBe('allow');
    expect(decide({ ArnLike: { [key]: 'arn:aws:iam::*:role/*' } }, { [key]: 'arn:aws:s3:::bucket' })).toBe('deny');
    expect(decide({ ArnLike: { [key]: 'arn:aws:iam::*:role/*' } }, { [key]: 'not-an-arn' })).toBe('deny');
    expect(decide({ ArnNotLike: { [key]: 'arn:aws:iam::*:role/*' } }, { [key]: 'arn:aws:s3:::bucket' })).toBe('allow');
    expect(decide({ ArnNotEquals: { [key]: 'arn:aws:iam::1:role/x' } }, { [key]: 'arn:aws:iam::1:role/x' })).toBe('deny');
  });

  test('Null checks whether a key is absent ("true") or present ("false")', () => {
    expect(decide({ Null: { [SUB_KEY]: 'false' } }, { [SUB_KEY]: MAIN })).toBe('allow');
    expect(decide({ Null: { [SUB_KEY]: 'false' } }, {})).toBe('deny');
    expect(decide({ Null: { [SUB_KEY]: true } }, {})).toBe('allow');
    expect(decide({ Null: { [SUB_KEY]: true } }, { [SUB_KEY]: MAIN })).toBe('deny');
  });

  test('Bool compares true and false without regard to case, and never matches other values', () => {
    expect(decide({ Bool: { 'example.com:flag': true } }, { 'example.com:flag': 'TRUE' })).toBe('allow');
    expect(decide({ Bool: { 'example.com:flag': 'false' } }, { 'example.com:flag': 'true' })).toBe('deny');
    expect(decide({ Bool: { 'example.com:flag': 'true' } }, { 'example.com:flag': 'yes' })).toBe('deny');
  });

  test('operator names are read without regard to case', () => {
    expect(decide({ stringlike: { [SUB_KEY]: 'repo:honeyhiveai/*' } }, { [SUB_KEY]: MAIN })).toBe('allow');
  });
});

describe('evaluateTrust: combining conditions', () => {
  test('several values for one key: any may match (OR)', () => {
    expect(decide({ StringEquals: { [SUB_KEY]: ['repo:o/r:pull_request', MAIN] } }, { [SUB_KEY]: MAIN })).toBe('allow');
    expect(decide({ StringEquals: { [SUB_KEY]: ['repo:o/r:pull_request', 'repo:o/r:ref:refs/heads/dev'] } }, { [SUB_KEY]: MAIN })).toBe('deny');
  });

  test('several keys in one operator: all must match (AND)', () => {
    const condition = { StringEquals: { [SUB_KEY]: MAIN, [AUD_KEY]: 'sts.amazonaws.com' } };
    expect(decide(condition, { [SUB_KEY]: MAIN, [AUD_KEY]: 'sts.amazonaws.com' })).toBe('allow');
    expect(decide(condition, { [SUB_KEY]: MAIN, [AUD_KEY]: 'other' })).toBe('deny');
  });

  test('several operators on the same key: all must match, so exact and wildcard lists combine as AND', () => {
    const condition = { StringEquals: { [SUB_KEY]: MAIN }, StringLike: { [SUB_KEY]: 'repo:honeyhiveai/python-sdk:ref:refs/heads/release-*' } };
    expect(decide(condition, { [SUB_KEY]: MAIN })).toBe('deny');
    expect(decide(condition, { [SUB_KEY]: 'repo:honeyhiveai/python-sdk:ref:refs/heads/release-1' })).toBe('deny');
    expect(decide({ StringEquals: { [SUB_KEY]: MAIN }, StringLike: { [SUB_KEY]: 'repo:honeyhiveai/*' } }, { [SUB_KEY]: MAIN })).toBe('allow');
  });

  test('condition keys are matched without regard to case', () => {
    expect(decide({ StringEquals: { [SUB_KEY.toUpperCase()]: MAIN } }, { [SUB_KEY]: MAIN })).toBe('allow');
    expect(decide({ StringEquals: { [SUB_KEY]: MAIN } }, { 'Token.Actions.GitHubUserContent.com:Sub': MAIN })).toBe('allow');
  });
});

describe('evaluateTrust: absent keys, IfExists and set operators', () => {
  test('an absent key makes positive operators false and negated operators true', () => {
    expect(decide({ StringEquals: { [SUB_KEY]: MAIN } }, {})).toBe('deny');
    expect(decide({ StringLike: { [SUB_KEY]: '*' } }, { [SUB_KEY]: undefined })).toBe('deny');
    expect(decide({ StringNotEquals: { [SUB_KEY]: MAIN } }, {})).toBe('allow');
    expect(decide({ StringNotLike: { [SUB_KEY]: '*' } }, {})).toBe('allow');
  });

  test('IfExists is true when the key is absent and otherwise tests the value', () => {
    expect(decide({ StringEqualsIfExists: { [SUB_KEY]: MAIN } }, {})).toBe('allow');
    expect(decide({ StringEqualsIfExists: { [SUB_KEY]: MAIN } }, { [SUB_KEY]: 'repo:o/r:pull_request' })).toBe('deny');
    expect(decide({ 'ForAnyValue:StringEqualsIfExists': { [SUB_KEY]: MAIN } }, {})).toBe('allow');
  });

  test('ForAllValues is true when the key is absent or empty, and requires every value to match', () => {
    const condition = { 'ForAllValues:StringEquals': { 'example.com:groups': ['a', 'b'] } };
    expect(decide(condition, {})).toBe('allow');
    expect(decide(condition, { 'example.com:groups': [] })).toBe('allow');
    expect(decide(condition, { 'example.com:groups': ['a', 'b'] })).toBe('allow');
    expect(decide(condition, { 'example.com:groups': ['a', 'c'] })).toBe('deny');
  });

  test('ForAnyValue is false when the key is absent or empty, and requires one value to match', () => {
    const condition = { 'ForAnyValue:StringLike': { 'example.com:groups': 'adm*' } };
    expect(decide(condition, {})).toBe('deny');
    expect(decide(condition, { 'example.com:groups': [] })).toBe('deny');
    expect(decide(condition, { 'example.com:groups': ['dev', 'admins'] })).toBe('allow');
    expect(decide(condition, { 'example.com:groups': ['dev'] })).toBe('deny');
    expect(decide(condition, { 'example.com:groups': 'admins' })).toBe('allow');
  });

  test('a single-valued operator never matches a multivalued key', () => {
    expect(decide({ StringEquals: { 'example.com:groups': 'a' } }, { 'example.com:groups': ['a'] })).toBe('deny');
    expect(decide({ StringNotEquals: { 'example.com:groups': 'x' } }, { 'example.com:groups': ['a'] })).toBe('deny');
  });
});

describe('evaluateTrust: statements, principals and actions', () => {
  test('an explicit Deny overrides a matching Allow and is reported as the deciding statement', () => {
    const deny: PolicyStatement = { Sid: 'NoDev', Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { StringLike: { [SUB_KEY]: '*:ref:refs/heads/dev' } } };
    const p = policy(allow({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai/*' } }), deny);
    const denied = evaluateTrust(p, request({ [SUB_KEY]: 'repo:honeyhiveai/python-sdk:ref:refs/heads/dev' }));
    expect(denied).toMatchObject({ decision: 'deny', statement: { index: 1, sid: 'NoDev' } });
    expect(denied.reason).toMatch(/^denied explicitly by statement 1 \("NoDev"\): .*an explicit Deny overrides any Allow$/);
    expect(denied.nearestMiss).toBeUndefined();
    expect(evaluateTrust(p, request({ [SUB_KEY]: MAIN }))).toMatchObject({ decision: 'allow', statement: { index: 0 } });
  });

  test('matches actions with wildcards and without regard to case, and honours NotAction', () => {
    const claims = { [SUB_KEY]: MAIN };
    expect(evaluateTrust(policy(allow(undefined, { Action: 'STS:AssumeRoleWith*' })), request(claims)).decision).toBe('allow');
    expect(evaluateTrust(policy(allow(undefined, { Action: ['sts:AssumeRole', 'sts:TagSession'] })), request(claims)).decision).toBe('deny');
    expect(evaluateTrust(policy(allow(undefined, { Action: undefined, NotAction: 'sts:AssumeRole' })), request(claims)).decision).toBe('allow');
    expect(evaluateTrust(policy(allow(undefined, { Action: undefined, NotAction: 'sts:*' })), request(claims)).decision).toBe('deny');
    expect(evaluateTrust(policy(allow(undefined, { Action: 'sts:AssumeRole' })), request(claims, { action: 'sts:AssumeRole' })).decision).toBe('allow');
  });

  test('matches "*", a Federated ARN or list of ARNs, and never an AWS or Service principal', () => {
    const claims = {};
    const with_ = (Principal: PolicyStatement['Principal']) => evaluateTrust(policy(allow(undefined, { Principal })), request(claims)).decision;
    expect(with_('*')).toBe('allow');
    expect(with_({ AWS: '*' })).toBe('allow');
    expect(with_({ Federated: ['arn:aws:iam::1:oidc-provider/x', PROVIDER] })).toBe('allow');
    expect(with_({ Federated: 'arn:aws:iam::1:oidc-provider/token.actions.githubusercontent.com' })).toBe('deny');
    expect(with_({ AWS: 'arn:aws:iam::654654498014:root' })).toBe('deny');
    expect(with_({ Service: 'lambda.amazonaws.com' })).toBe('deny');
  });

  test('takes any Federated principal to match when the request names no provider', () => {
    expect(evaluateTrust(policy(allow()), { claims: {} }).decision).toBe('allow');
    expect(evaluateTrust(policy(allow(undefined, { Principal: { AWS: 'arn:aws:iam::1:root' } })), { claims: {} }).decision).toBe('deny');
  });

  test('honours NotPrincipal', () => {
    const p = policy(allow(undefined, { Principal: undefined, NotPrincipal: { Federated: 'arn:aws:iam::1:oidc-provider/x' } }));
    expect(evaluateTrust(p, request({})).decision).toBe('allow');
    expect(evaluateTrust(p, request({}, { principal: 'arn:aws:iam::1:oidc-provider/x' })).decision).toBe('deny');
  });

  test('resolves policy variables in 2012-10-17 policies and reads them literally in older ones', () => {
    const condition = { StringLike: { [SUB_KEY]: 'repo:${example.com:owner}/*', 'example.com:star': 'a${*}' } };
    const claims = { [SUB_KEY]: MAIN, 'example.com:owner': 'honeyhiveai', 'example.com:star': 'a*' };
    expect(evaluateTrust(policy(allow(condition)), request(claims)).decision).toBe('allow');
    expect(evaluateTrust(policy(allow(condition)), request({ ...claims, 'example.com:star': 'ab' })).decision).toBe('deny');
    expect(evaluateTrust(policy(allow(condition)), request({ ...claims, 'example.com:owner': undefined })).decision).toBe('deny');
    expect(evaluateTrust({ Version: '2008-10-17', Statement: [allow(condition)] }, request(claims)).decision).toBe('deny');
    expect(decide({ StringEquals: { [SUB_KEY]: "${example.com:missing, 'fallback'}" } }, { [SUB_KEY]: 'fallback' })).toBe('allow');
  });

  test('reports the allowing statement, its conditions and a readable reason', () => {
    const p = policy(allow({ StringEquals: { [SUB_KEY]: 'repo:o/r:pull_request' } }), allow({ StringLike: { [SUB_KEY]: 'repo:honeyhiveai/*' } }, { Sid: 'Org' }));
    expect(evaluateTrust(p, request({ [SUB_KEY]: MAIN }))).toEqual({
      decision: 'allow',
      statement: { index: 1, sid: 'Org' },
      reason: `allowed by statement 1 ("Org"): ${SUB_KEY} "${MAIN}" satisfies StringLike "repo:honeyhiveai/*"`,
      conditions: [{ operator: 'StringLike', key: SUB_KEY, values: ['repo:honeyhiveai/*'], matched: true }],
    });
  });

  test('says so when an unconditional statement allows any token', () => {
    expect(evaluateTrust(policy(allow()), request({})).reason).toBe(
      'allowed by statement 0: it has no condition, so any token from the trusted provider may assume the role',
    );
  });

  test('denies with a reason when the policy has no Allow statement', () => {
    const p = policy({ Effect: 'Deny', Principal: '*', Action: 'sts:*', Condition: { Null: { [SUB_KEY]: 'true' } } });
    expect(evaluateTrust(p, request({ [SUB_KEY]: MAIN }))).toEqual({
      decision: 'deny',
      reason: 'denied: the trust policy has no Allow statement, so nothing may assume the role',
      conditions: [],
    });
  });
});
