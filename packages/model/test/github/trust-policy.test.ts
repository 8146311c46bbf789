import { auditTrust } from '../../src/github/audit-trust';
import { evaluateTrust } from '../../src/github/evaluate-trust';
import { AUD_KEY, SUB_KEY } from '../../src/github/github-oidc';
import type { PolicyDocument } from '../../src/iam/policy-document';
import type { SubjectGrant } from '../../src/github/trust-policy';
import { TRUST_STATEMENT_IDS, trustPolicy } from '../../src/github/trust-policy';

// Branch and tag patterns the config asks for (push.branches/tags globs) are warned about by the audit (any
// writer can push a matching ref, research 12 F3.7); `lockstep check` reports them as information with the
// config's reason. Everything else must pass.
const CONFIGURED_WILDCARDS = ['branch-wildcard', 'tag-wildcard'];

const PROVIDER = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
const grant = (value: string, operator: SubjectGrant['operator'] = 'StringEquals'): SubjectGrant => ({ value, operator, repo: 'r', reason: 'test' });
const allowed = (policy: PolicyDocument, sub: string, aud = 'sts.amazonaws.com') =>
  evaluateTrust(policy, { claims: { [SUB_KEY]: sub, [AUD_KEY]: aud }, principal: PROVIDER }).decision === 'allow';

describe('trustPolicy', () => {
  const exactOnly = trustPolicy({ providerArn: PROVIDER, audience: 'sts.amazonaws.com', subjects: [grant('repo:o/r:ref:refs/heads/main'), grant('repo:o/r:pull_request')] });
  const mixed = trustPolicy({
    providerArn: PROVIDER,
    audience: 'sts.amazonaws.com',
    subjects: [grant('repo:o/r:pull_request'), grant('repo:o/r:ref:refs/heads/release/*', 'StringLike')],
  });

  test('writes one statement with the exact subjects, sorted, and the audience, all as lists', () => {
    expect(exactOnly).toEqual({
      Version: '2012-10-17',
      Statement: [{
        Sid: 'GitHubOidcExactSubjects',
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [AUD_KEY]: ['sts.amazonaws.com'], [SUB_KEY]: ['repo:o/r:pull_request', 'repo:o/r:ref:refs/heads/main'] } },
      }],
    });
  });

  test('puts patterns in a second statement, so that no token must match both', () => {
    expect(mixed.Statement.map((s) => s.Sid)).toEqual([TRUST_STATEMENT_IDS.exact, TRUST_STATEMENT_IDS.patterns]);
    expect(mixed.Statement[1].Condition).toEqual({
      StringEquals: { [AUD_KEY]: ['sts.amazonaws.com'] },
      StringLike: { [SUB_KEY]: ['repo:o/r:ref:refs/heads/release/*'] },
    });
    expect(allowed(mixed, 'repo:o/r:pull_request')).toBe(true);
    expect(allowed(mixed, 'repo:o/r:ref:refs/heads/release/1.0')).toBe(true);
  });

  test('writes only the pattern statement when there are no exact subjects', () => {
    const policy = trustPolicy({ providerArn: PROVIDER, audience: 'sts.amazonaws.com', subjects: [grant('repo:o/r:*', 'StringLike')] });
    expect(policy.Statement.map((s) => s.Sid)).toEqual([TRUST_STATEMENT_IDS.patterns]);
  });

  test('admits exactly its subjects', () => {
    expect(allowed(exactOnly, 'repo:o/r:pull_request')).toBe(true);
    expect(allowed(exactOnly, 'repo:o/r:ref:refs/heads/main')).toBe(true);
    expect(allowed(exactOnly, 'repo:o/r:ref:refs/heads/dev')).toBe(false);
    expect(allowed(exactOnly, 'repo:o/r:environment:prod')).toBe(false);
    expect(allowed(exactOnly, 'repo:o/other:pull_request')).toBe(false);
    expect(allowed(exactOnly, 'repo:O/r:pull_request')).toBe(false);
  });

  test('refuses a token with another audience', () => {
    expect(allowed(exactOnly, 'repo:o/r:pull_request', 'sigstore')).toBe(false);
    expect(allowed(mixed, 'repo:o/r:ref:refs/heads/release/1', 'sigstore')).toBe(false);
  });

  test('gives the same JSON whatever the order or repetition of the subjects', () => {
    const a = trustPolicy({ providerArn: PROVIDER, audience: 'sts.amazonaws.com', subjects: [grant('b'), grant('a'), grant('c*', 'StringLike')] });
    const b = trustPolicy({ providerArn: PROVIDER, audience: 'sts.amazonaws.com', subjects: [grant('c*', 'StringLike'), grant('a'), grant('b'), grant('a')] });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  test('passes the trust policy audit without errors or warnings', () => {
    expect(auditTrust(mixed).filter((f) => f.severity !== 'info' && !CONFIGURED_WILDCARDS.includes(f.code))).toEqual([]);
  });
});
