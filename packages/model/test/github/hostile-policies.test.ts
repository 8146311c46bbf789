import { auditTrust } from '../../src/github/audit-trust';
import { evaluateTrust } from '../../src/github/evaluate-trust';
import { AUD_KEY, SUB_KEY } from '../../src/github/github-oidc';
import type { PolicyDocument } from '../../src/iam/policy-document';

const PROVIDER = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
const policy = (condition: Record<string, Record<string, string | string[]>>): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Federated: PROVIDER }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: condition }],
});
const request = (sub: string) => ({ claims: { [SUB_KEY]: sub, [AUD_KEY]: 'sts.amazonaws.com' } });

describe('policies that once crashed or stalled the evaluator', () => {
  test('a condition with an empty value list denies, and the nearest miss says the list is empty', () => {
    const decision = evaluateTrust(policy({ StringEquals: { [AUD_KEY]: 'sts.amazonaws.com' }, StringLike: { [SUB_KEY]: [] } }), request('repo:o/r:ref:refs/heads/main'));
    expect(decision.decision).toBe('deny');
    expect(decision.nearestMiss?.message).toBe(`the StringLike condition on "${SUB_KEY}" lists no value, so no request matches it`);
    expect(decision.nearestMiss?.fix).toBe('list the values it should admit, or remove the condition');
  });

  test('a miss against a long list names a few values and how many more, not all of them', () => {
    const values = Array.from({ length: 20_000 }, (_, i) => `repo:o/r${i}:ref:refs/heads/main`);
    const decision = evaluateTrust(policy({ StringEquals: { [AUD_KEY]: 'sts.amazonaws.com', [SUB_KEY]: values } }), request('repo:o/x:ref:refs/heads/main'));
    expect(decision.decision).toBe('deny');
    expect(decision.nearestMiss?.message).toContain('… 19995 more]');
    expect(decision.nearestMiss!.message.length).toBeLessThan(500);
  });

  test('duplicate values are each reported once, in a single pass over a long list', () => {
    const values = [...Array.from({ length: 20_000 }, (_, i) => `repo:o/r${i}:ref:refs/heads/main`), 'repo:o/r7:ref:refs/heads/main'];
    const duplicates = auditTrust(policy({ StringEquals: { [AUD_KEY]: 'sts.amazonaws.com', [SUB_KEY]: values } })).filter((f) => f.code === 'duplicate-value');
    expect(duplicates.map((f) => f.value)).toEqual(['repo:o/r7:ref:refs/heads/main']);
  });
});
